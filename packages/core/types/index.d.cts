// Types for require('@aslkit/core'): the ES declarations, which describe the CommonJS build too.
export * from '../dist/index.js';
