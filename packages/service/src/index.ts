/**
 * @aslkit/service: a local AWS Step Functions service on aslkit's engine. The AWS SDKs and the
 * AWS CLI talk to it unchanged through an endpoint override (`aslkit serve`).
 * @module
 */
export { startService, isLoopback } from './service.js';
export type { ServiceOptions, RunningService } from './service.js';
export type { ResumeReport } from './engine/service-runtime.js';
export { MemoryServiceStore } from './store/memory-store.js';
export type { ServiceStore, MachineRecord, ExecutionRecord, ActivityRecord, Tag } from './store/service-store.js';
export { ServiceError } from './api/service-error.js';
export { OPERATIONS } from './operations/index.js';
