export * from './regime.ts';
export * from './rule-regime-detector.ts';
export * from './hmm-init.ts';
export * from './online-gaussian-hmm.ts';
export * from './score-regimes.ts';
