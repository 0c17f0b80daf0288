import { z } from 'zod';
import { posInt, nonNegInt } from './schema-fields.ts';

// The `monitoring` section of a scenario: drift detectors, degradation alerts and regimes.
export const driftSpecSchema = z.strictObject({
  detector: z
    .enum(['adwin', 'page_hinkley', 'ddm', 'eddm', 'kswin', 'psi'])
    .describe('Drift detector (defaults as in the literature; see docs).'),
  on: z
    .enum(['error', 'loss', 'feature'])
    .default('error')
    .describe(
      '`error`: 1 when the champion’s direction was wrong; `loss`: its log loss; `feature`: a feature’s values.',
    ),
  feature: z
    .string()
    .optional()
    .describe('Feature name (ret_1, ret_5, vol_20, ema_ratio, …) when `on: feature`.'),
  params: z
    .record(z.string(), z.number())
    .default({})
    .describe('Detector parameters, e.g. { delta: 0.002 } for adwin.'),
});

export const monitoringSchema = z
  .strictObject({
    drift: z
      .array(driftSpecSchema)
      .default([{ detector: 'adwin', on: 'error', params: {} }])
      .describe(
        'Drift detectors; a drift is recorded in drift_events and, under policy `drift`, starts an update.',
      ),
    degradation: z
      .strictObject({
        metric: z
          .enum(['accuracy', 'precision', 'recall', 'f1', 'logLoss', 'brier'])
          .default('accuracy'),
        window: posInt('Labels in the sliding window.').default(100),
        threshold: z
          .number()
          .optional()
          .describe(
            'Alert when the metric is worse than this (below for accuracy-like, above for losses).',
          ),
        vsBaselineMargin: z
          .number()
          .positive()
          .optional()
          .describe('Alert when the champion is worse than the frozen baseline by more than this.'),
        minSamples: posInt('Labels before the rules are checked.').default(50),
        cooldown: nonNegInt('Labels after an alert without a new one.').default(100),
      })
      .nullable()
      .default(null)
      .describe(
        'Degradation rules (alerts; under policy `degradation` they start an update). Default for that policy: accuracy below 0.48 over 100 labels.',
      ),
    quality: z
      .strictObject({
        staleCount: posInt(
          'The same close this many bars running is stale (critical at twice).',
        ).default(5),
        outlierK: z
          .number()
          .positive()
          .default(10)
          .describe('|log return| beyond k robust deviations is an outlier (critical beyond 2k).'),
        outlierWindow: z.number().int().min(5).default(100),
        gapFactor: z
          .number()
          .gt(1)
          .default(5)
          .describe('A spacing above gapFactor × the median spacing is a gap.'),
        level: z
          .number()
          .positive()
          .default(3)
          .describe('Issue score at which the symbol leaves serving for the safe state.'),
        cleanBars: posInt('Clean bars before serving resumes.').default(20),
      })
      .nullable()
      .prefault({})
      .describe('Data-quality checks; `null` turns them off.'),
    regime: z
      .strictObject({
        detector: z.enum(['rule', 'hmm', 'both']).default('rule'),
        rule: z
          .record(z.string(), z.number())
          .default({})
          .describe('RuleRegimeDetector parameters (trendWindow, trendThreshold, volWindow, …).'),
        hmm: z
          .record(z.string(), z.number())
          .default({})
          .describe('OnlineGaussianHmm parameters (states, …).'),
      })
      .nullable()
      .prefault({})
      .describe('Market regime detection; `null` turns it off.'),
  })
  .describe('What watches each symbol.');
