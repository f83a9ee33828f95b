export * from './product.js';
export * from './names.js';
export * from './allergy-match.js';
export * from './allergen-classes.js';
export * from './daily-maxima.js';
