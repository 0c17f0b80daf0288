export * from './redis-url.ts';
