/**
 * Reads a V8 `.cpuprofile` (from `node --cpu-prof`) and lists the functions with the most
 * self time, which is where an optimization has to start.
 */
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  hitCount?: number;
}

export interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

export interface SelfTimeEntry {
  /** `name (file:line)`, file relative to `root` when under it. */
  location: string;
  selfMs: number;
  /** Share of all sampled time, 0..1. */
  share: number;
}

function locate(frame: ProfileNode['callFrame'], root: string | undefined): string {
  const name = frame.functionName || '(anonymous)';
  if (!frame.url) return name;
  let file = frame.url.startsWith('file://') ? fileURLToPath(frame.url) : frame.url;
  if (root !== undefined && file.startsWith(root)) file = relative(root, file);
  // V8 line numbers are 0-based.
  return `${name} (${file}:${frame.lineNumber + 1})`;
}

function selfTimePerNode(profile: CpuProfile): { perNode: Map<ProfileNode, number>; totalUs: number } {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const perNode = new Map<ProfileNode, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  let totalUs = 0;
  const add = (node: ProfileNode, us: number): void => {
    perNode.set(node, (perNode.get(node) ?? 0) + us);
    totalUs += us;
  };
  if (samples.length > 0 && deltas.length === samples.length) {
    // V8 stamps each sample with the gap since the previous one, so sample i owns delta i+1.
    for (let i = 0; i < samples.length; i++) {
      const node = byId.get(samples[i]!);
      const us = deltas[i + 1] ?? 0;
      if (node && us > 0) add(node, us);
    }
  } else {
    const hits = profile.nodes.reduce((sum, node) => sum + (node.hitCount ?? 0), 0);
    const usPerHit = hits > 0 ? (profile.endTime - profile.startTime) / hits : 0;
    for (const node of profile.nodes)
      if ((node.hitCount ?? 0) > 0 && usPerHit > 0) add(node, node.hitCount! * usPerHit);
  }
  return { perNode, totalUs };
}

function aggregate(profile: CpuProfile, keyOf: (node: ProfileNode) => string, top: number): SelfTimeEntry[] {
  const { perNode, totalUs } = selfTimePerNode(profile);
  const byKey = new Map<string, number>();
  for (const [node, us] of perNode) byKey.set(keyOf(node), (byKey.get(keyOf(node)) ?? 0) + us);
  return [...byKey.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([location, us]) => ({ location, selfMs: us / 1000, share: totalUs > 0 ? us / totalUs : 0 }));
}

/** The `top` entries by self time; functions with the same name and location are merged. */
export function topSelfTime(profile: CpuProfile, top = 15, root?: string): SelfTimeEntry[] {
  return aggregate(profile, (node) => locate(node.callFrame, root), top);
}

/**
 * Self time per package: `node_modules/<name>` by its name, `packages/<dir>` of this repo as
 * `packages/<dir>`, Node's own modules as `node`, script-less builtins as `(native)`, and V8's pseudo-frames
 * (GC, program) as they are.
 */
export function selfTimeByPackage(profile: CpuProfile, top = 10): SelfTimeEntry[] {
  return aggregate(profile, (node) => packageOf(node.callFrame), top);
}

function packageOf(frame: ProfileNode['callFrame']): string {
  const url = frame.url;
  if (!url) return frame.functionName.startsWith('(') ? frame.functionName : '(native)';
  if (url.startsWith('node:')) return 'node';
  const modules = url.lastIndexOf('/node_modules/');
  if (modules >= 0) {
    const parts = url.slice(modules + '/node_modules/'.length).split('/');
    return parts[0]!.startsWith('@') ? `${parts[0]}/${parts[1] ?? ''}` : parts[0]!;
  }
  const workspace = /\/packages\/([^/]+)\//.exec(url);
  return workspace ? `packages/${workspace[1]}` : url;
}
