// The fused kernels module (src/models/wasm/kernels.wasm): LSTM and transformer entry points,
// the optimiser and a memory fill.
export * from './lstm';
export * from './transformer';
