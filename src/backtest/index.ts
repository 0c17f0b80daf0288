export * from './book.ts';
export * from './position-rule.ts';
