/**
 * `--profile`: reruns aslkit once per selected run with a CPU profile and summarizes where
 * its self time goes, so a missed target comes with the evidence of why. Throughput runs are
 * profiled over the timed executions only; cold start over the whole process (`--cpu-prof`),
 * since there the imports are the cost, once through `require` and once through `import`.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Workload } from './fixtures.js';
import { REPO_ROOT } from './fixtures.js';
import { markdownTable } from './markdown-table.js';
import { selfTimeByPackage, topSelfTime, type CpuProfile, type SelfTimeEntry } from './profile-summary.js';
import { runSpecFor } from './run-spec.js';
import { MODULE_SYSTEMS, runChild, timeColdStart } from './spawn-child.js';
import { formatMs } from './stats.js';

export interface ProfiledRun {
  title: string;
  file: string | undefined;
  markdown: string;
}

const entriesTable = (heading: string, entries: SelfTimeEntry[]): string =>
  markdownTable(
    ['>self ms', '>share', heading],
    entries.map((entry) => [formatMs(entry.selfMs), `${(entry.share * 100).toFixed(1)}%`, `\`${entry.location}\``]),
  );

function summarize(file: string | undefined, top: number): string {
  if (file === undefined) return '_no profile was written_';
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  return `${entriesTable('package', selfTimeByPackage(profile, 8))}\n\n${entriesTable('function (file:line)', topSelfTime(profile, top, REPO_ROOT))}`;
}

const firstProfile = (directory: string): string | undefined => {
  const name = readdirSync(directory).find((entry) => entry.endsWith('.cpuprofile'));
  return name === undefined ? undefined : join(directory, name);
};

/** Profiles aslkit on every run of `workloads` (W5 once per module system); returns one markdown summary per run. */
export function profileAslkit(
  workloads: readonly Workload[],
  top = 15,
  log: (line: string) => void = () => undefined,
): ProfiledRun[] {
  const root = mkdtempSync(join(tmpdir(), 'aslkit-bench-profiles-'));
  const out: ProfiledRun[] = [];
  let index = 0;
  const profileInto = (workload: Workload, title: string, write: (directory: string) => void): void => {
    const directory = join(root, `${workload.id}-${index++}`);
    mkdirSync(directory);
    log(`profiling ${title}`);
    write(directory);
    const file = firstProfile(directory);
    out.push({ title, file, markdown: summarize(file, top) });
  };
  for (const workload of workloads) {
    if (workload.kind === 'cold-start') {
      const label = workload.runs[0]?.label ?? '';
      for (const system of MODULE_SYSTEMS) {
        profileInto(workload, `${workload.id} ${label} (aslkit through \`${system}\`, whole process)`, (directory) =>
          timeColdStart(`aslkit:${system}`, workload.definitionPath, { cpuProfileDir: directory }),
        );
      }
      continue;
    }
    for (const fixture of workload.runs) {
      profileInto(workload, `${workload.id} ${fixture.label} (aslkit, timed executions only)`, (directory) =>
        runChild({ ...runSpecFor(workload, fixture, 'aslkit'), cpuProfilePath: join(directory, 'run.cpuprofile') }),
      );
    }
  }
  return out;
}

/** The profiles as a markdown appendix. */
export function renderProfiles(profiles: readonly ProfiledRun[]): string {
  if (profiles.length === 0) return '';
  const parts = profiles.map(
    (profile) => `### ${profile.title}\n\nProfile: \`${profile.file ?? 'none'}\`\n\n${profile.markdown}`,
  );
  return `## CPU profiles (aslkit, top self time)\n\n${parts.join('\n\n')}\n`;
}
