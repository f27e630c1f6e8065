/** What every operation works with, and the shape of an operation. */
import type { ServiceLocation } from '../api/arns.js';
import type { Body } from '../api/params.js';
import type { ServiceRuntime } from '../engine/service-runtime.js';
import type { ServiceStore } from '../store/service-store.js';

export interface OperationContext {
  location: ServiceLocation;
  store: ServiceStore;
  runtime: ServiceRuntime;
  /** How long GetActivityTask waits for a task (AWS: 60 s). */
  activityPollMs: number;
}

/** One request: its body and a signal aborted when the client goes away or the service stops. */
export type Operation = (context: OperationContext, body: Body, signal: AbortSignal) => object | Promise<object>;

/** Dates cross the AWS JSON protocol as epoch seconds. */
export const epochSeconds = (ms: number): number => ms / 1000;
