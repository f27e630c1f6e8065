// Types for require('@aslkit/core/debug'): the ES declarations, which describe the CommonJS build too.
export * from '../dist/debug.js';
