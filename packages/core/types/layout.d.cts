// Types for require('@aslkit/core/layout'): the ES declarations, which describe the CommonJS build too.
export * from '../dist/layout.js';
