import type { z } from 'zod';
import { InputError } from '../core/index.ts';
import { HttpError } from './http-error.ts';
import type { LifecycleStats } from './lifecycle-stats.ts';
import type { ApiCommand, ModelControl, StreamControl, StreamSettings } from './ports.ts';
import type {
  commandResponse,
  configureResponse,
  lifecycleMetricsResponse,
  modelsStatusResponse,
  streamStatusResponse,
} from './response-schemas.ts';
import type { Router } from './router.ts';
import { configureBody, parseBody, rollbackBody, updateBody, validateBody } from './schemas.ts';

export interface ControlDeps {
  readonly models: ModelControl;
  readonly stream: StreamControl;
  readonly stats: LifecycleStats;
  /** Reads and parses the JSON body (and checks the token) of a mutating request. */
  readonly readBody: (ctx: Parameters<Parameters<Router['add']>[2]>[0]) => Promise<unknown>;
}

/**
 * Registers the model and stream routes: status (one symbol or all), the three lifecycle
 * commands, stream configuration and status, lifecycle metrics. Unknown symbol or variant → 404;
 * a command every targeted machine refuses → 409 with the machine's reason.
 *
 * @example
 * addControlRoutes(router, { models: engine, stream, stats, readBody });
 * // POST /ml/models/validate {"symbol":"A"} → 409 { error: 'refused: no challenger under test (state serving)', reason: … }
 */
export function addControlRoutes(router: Router, deps: ControlDeps): void {
  const { models, stream, stats } = deps;
  const settings = new Map<string, StreamSettings>();

  const knownSymbol = (symbol: string): void => {
    if (models.symbols().includes(symbol)) return;
    if (stream.symbols().includes(symbol))
      throw new HttpError(409, `no model for \`${symbol}\` yet: it has not completed a bar`, {
        reason: 'no bar yet',
        symbol,
      });
    throw new HttpError(404, `unknown symbol \`${symbol}\``, { symbols: models.symbols() });
  };

  const command = (cmd: ApiCommand, symbol: string, variant: string | undefined) => {
    if (stream.finished())
      throw new HttpError(409, 'the run has ended; commands no longer apply', {
        reason: 'run ended',
      });
    if (symbol !== '*') knownSymbol(symbol);
    const results = models.command(symbol, cmd, variant);
    if (results.length === 0)
      throw new HttpError(
        404,
        variant === undefined ? 'no symbol has a model yet' : `unknown variant \`${variant}\``,
        { variants: [...new Set(models.status().map((s) => s.variant))] },
      );
    const out = results.map((r) => ({ symbol: r.symbol, variant: r.variant, ...r.result }));
    const refused = out.filter((r) => !r.accepted);
    if (refused.length === out.length) {
      const first = refused[0] as { reason?: string };
      throw new HttpError(409, `refused: ${first.reason}`, { reason: first.reason, results: out });
    }
    return { command: cmd.type, results: out } satisfies z.input<typeof commandResponse>;
  };

  router.add('GET', '/ml/models/status/:symbol?', ({ params }) => {
    if (params['symbol'] !== undefined) knownSymbol(params['symbol']);
    const list = models
      .status(params['symbol'])
      .map((s) => ({ ...s, regime: s.regime ?? stats.regime(s.symbol) }));
    return { mode: stream.mode, marketTime: stream.now(), models: list } satisfies z.input<
      typeof modelsStatusResponse
    >;
  });

  router.add('POST', '/ml/models/update-online', async (ctx) => {
    const b = parseBody(updateBody, await deps.readBody(ctx));
    return command({ type: 'update' }, b.symbol, b.variant);
  });
  router.add('POST', '/ml/models/validate', async (ctx) => {
    const b = parseBody(validateBody, await deps.readBody(ctx));
    return command({ type: 'validate' }, b.symbol, b.variant);
  });
  router.add('POST', '/ml/models/rollback', async (ctx) => {
    const b = parseBody(rollbackBody, await deps.readBody(ctx));
    return command(
      b.version === undefined ? { type: 'rollback' } : { type: 'rollback', version: b.version },
      b.symbol,
      b.variant,
    );
  });

  router.add('POST', '/ml/stream/configure', async (ctx) => {
    const { symbol, ...change } = parseBody(configureBody, await deps.readBody(ctx));
    const targets = symbol === '*' ? stream.symbols() : [symbol];
    if (symbol !== '*' && !stream.symbols().includes(symbol))
      throw new HttpError(404, `unknown symbol \`${symbol}\``, { symbols: stream.symbols() });
    const out = targets.map((s) => {
      const prev = settings.get(s) ?? {};
      const merged: StreamSettings = {
        ...prev,
        ...change,
        buffers: { ...prev.buffers, ...change.buffers },
        detectors: { ...prev.detectors, ...change.detectors },
      };
      let outcome: ReturnType<typeof stream.configure>;
      try {
        outcome = stream.configure(s, change);
      } catch (error) {
        // A setting the engine refuses (e.g. a detector threshold out of range) is a bad body.
        if (error instanceof InputError)
          throw new HttpError(400, error.message, { field: 'detectors' });
        throw error;
      }
      settings.set(s, merged);
      return { symbol: s, settings: merged, ...outcome };
    });
    return { results: out } satisfies z.input<typeof configureResponse>;
  });

  router.add('GET', '/ml/stream/status/:symbol?', ({ params }) => {
    const symbol = params['symbol'];
    const names = symbol === undefined ? stream.symbols() : [symbol];
    // symbols are data (a feed may name one `__proto__`): never keys of a plain object
    const symbols: z.input<typeof streamStatusResponse>['symbols'] = Object.create(null);
    for (const s of names) {
      const st = stream.symbolStatus(s);
      if (st === undefined)
        throw new HttpError(404, `unknown symbol \`${s}\``, { symbols: stream.symbols() });
      symbols[s] = { ...st, settings: settings.get(s) ?? {} };
    }
    return {
      mode: stream.mode,
      marketTime: stream.now(),
      connection: stream.connection(),
      symbols,
    } satisfies z.input<typeof streamStatusResponse>;
  });

  router.add(
    'GET',
    '/ml/lifecycle/metrics',
    () =>
      ({
        marketTime: stream.now(),
        ...stats.summary(stream.now()),
      }) satisfies z.input<typeof lifecycleMetricsResponse>,
  );
}
