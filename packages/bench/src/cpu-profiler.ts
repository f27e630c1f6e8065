/**
 * A V8 CPU profile of just the timed part of a run (the inspector's Profiler), so engine
 * import and input building do not crowd the summary the way `--cpu-prof` on the whole
 * process would.
 */
import { Session } from 'node:inspector/promises';
import type { CpuProfile } from './profile-summary.js';

export interface CpuProfiler {
  start(): Promise<void>;
  stop(): Promise<CpuProfile>;
}

/** Connects to this process's inspector; `start()`/`stop()` bracket the code to profile. */
export function createCpuProfiler(samplingIntervalUs = 200): CpuProfiler {
  const session = new Session();
  session.connect();
  return {
    async start() {
      await session.post('Profiler.enable');
      await session.post('Profiler.setSamplingInterval', { interval: samplingIntervalUs });
      await session.post('Profiler.start');
    },
    async stop() {
      const { profile } = await session.post('Profiler.stop');
      session.disconnect();
      return profile as unknown as CpuProfile;
    },
  };
}
