/**
 * The machine a benchmark ran on, for the report header.
 */
import { cpus, totalmem, platform, arch, release } from 'node:os';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export interface MachineInfo {
  cores: number;
  cpuModel: string;
  memoryGb: number;
  os: string;
  node: string;
  peerVersion: string;
}

function peerVersion(): string {
  try {
    // Its exports map hides package.json: find it beside the resolved entry's build folder.
    const entry = createRequire(import.meta.url).resolve('aws-local-stepfunctions');
    const path = join(dirname(entry), '..', 'package.json');
    return (JSON.parse(readFileSync(path, 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

/** Cores, CPU model, memory, OS and Node version of this machine. */
export function machineInfo(): MachineInfo {
  const list = cpus();
  return {
    cores: list.length,
    cpuModel: list[0]?.model.trim() ?? 'unknown',
    memoryGb: Math.round(totalmem() / 2 ** 30),
    os: `${platform()} ${release()} ${arch()}`,
    node: process.version,
    peerVersion: peerVersion(),
  };
}
