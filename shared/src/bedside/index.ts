export * from './positive-id.js';
