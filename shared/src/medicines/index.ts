export * from './product.js';
export * from './names.js';
