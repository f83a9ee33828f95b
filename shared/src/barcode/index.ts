export * from './scan-types.js';
