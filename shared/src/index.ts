/**
 * @wardscan/shared: the vocabulary the handheld and the server both speak.
 */
export * from './api/index.js';
export * from './barcode/index.js';
export * from './medicines/index.js';
export * from './bedside/index.js';
