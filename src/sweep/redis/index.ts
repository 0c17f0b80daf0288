export * from './redis-client.ts';
export * from './redis-url.ts';
export * from './resp-codec.ts';
export * from './resp-transaction.ts';
