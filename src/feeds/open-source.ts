import { extname, resolve } from 'node:path';
import { InputError } from '../core/index.ts';
import type { BadRowPolicy, BarSource, Gap, GapHandler, RejectHandler } from './bar-source.ts';
import type { ColumnOverrides } from './column-map.ts';
import { openArrow } from './columnar/arrow-source.ts';
import { openParquet } from './columnar/parquet-source.ts';
import { loadCsv } from './csv/csv-source.ts';
import type { SyntheticOptions } from './synthetic/resolve-synthetic-spec.ts';
import { SyntheticSource } from './synthetic/synthetic-source.ts';
import { withGapDetection } from './with-gap-detection.ts';
import { withPriceGuard } from './price-guard.ts';

/** How a file is read: `auto` goes by the extension; `long` and `wide` are CSV layouts. */
export type DataFormat = 'auto' | 'csv' | 'long' | 'wide' | 'parquet' | 'arrow';

/** Where bars come from: a scenario's `data` block (a file, or a synthetic market). */
export interface DataSpec {
  readonly file?: string | undefined;
  readonly format?: DataFormat | undefined;
  readonly synthetic?: SyntheticOptions | undefined;
  readonly symbols?: readonly string[] | undefined;
  readonly symbol?: string | undefined;
  readonly onBadRow?: BadRowPolicy | undefined;
  readonly columns?: ColumnOverrides | undefined;
  /** Gap alerts: a spacing above this multiple of the median spacing; 0 turns them off. Default 5. */
  readonly gapFactor?: number | undefined;
  /** DuckDB memory limit while staging and sorting CSV, Parquet and Arrow files. */
  readonly memoryLimit?: string | undefined;
  /** Largest one-bar price ratio (up or down) a symbol may show before the bar is bad. */
  readonly maxPriceRatio?: number | undefined;
  /** IANA zone of timestamps written without an offset (default UTC). */
  readonly timezone?: string | undefined;
}

export interface OpenSourceOptions {
  /** Folder relative file paths start from (the scenario's folder). Default: the working folder. */
  readonly baseDir?: string;
  /** Seed of a synthetic market that gives none (the scenario's seed). */
  readonly seed?: number;
  readonly onReject?: RejectHandler;
  readonly onGap?: GapHandler;
  /** Where the data block was written (the scenario file), to name it in messages. */
  readonly origin?: string;
}

/** A source opened by {@link openSource}: what was opened, and how to release it. */
export interface OpenedSource extends BarSource {
  /** `csv-long`, `csv-wide`, `parquet`, `arrow` or `synthetic`. */
  readonly format: string;
  /**
   * Bars the replay will see, known once the source is open (a loaded CSV file, the good rows of
   * a Parquet or Arrow file, symbols × bars of a synthetic market); undefined when unknown. For
   * progress display only: duplicate rows dropped while streaming make it an upper bound.
   */
  readonly expectedBars: number | undefined;
  /** Releases files and DuckDB. Idempotent. */
  close(): void;
}

const EXTENSIONS: Record<string, 'csv' | 'parquet' | 'arrow'> = {
  '.gz': 'csv',
  '.csv': 'csv',
  '.txt': 'csv',
  '.parquet': 'parquet',
  '.pq': 'parquet',
  '.arrow': 'arrow',
  '.arrows': 'arrow',
  '.feather': 'arrow',
  '.ipc': 'arrow',
};

/**
 * The one entry point from a scenario's `data` block to a {@link BarSource}: a CSV file (long or
 * wide), a Parquet or Arrow IPC file (picked by extension or `format`), or a synthetic market
 * generated straight into the clock. Rejected rows go to `onReject`; gaps (by spacing, and the
 * missing cells of wide files) to `onGap`, each once.
 *
 * @throws {InputError} neither or both of `file` and `synthetic`, an unknown extension, and what
 * the individual sources throw.
 * @example
 * const source = await openSource({ file: 'data/eu-stock-markets.parquet' }, { onGap: (g) => console.log(g.message) });
 * source.format; // 'parquet'
 * source.close();
 */
export async function openSource(
  spec: DataSpec,
  options: OpenSourceOptions = {},
): Promise<OpenedSource> {
  const at = options.origin === undefined ? '' : `${options.origin}: `;
  if ((spec.file === undefined) === (spec.synthetic === undefined)) {
    throw new InputError(
      `${at}data: ${spec.file === undefined ? 'give a data `file` or a `synthetic` block' : 'give either a data `file` or a `synthetic` block, not both'}`,
    );
  }
  const seen = new Set<string>();
  const factor = spec.gapFactor ?? 5;
  const onGap: GapHandler | undefined =
    options.onGap === undefined || factor === 0
      ? undefined
      : (gap: Gap) => {
          const key = `${gap.symbol}|${gap.fromTs}|${gap.toTs}`;
          if (seen.has(key)) return;
          seen.add(key);
          options.onGap?.(gap);
        };
  const { source: inner, format, close, expectedBars } = await openInner(spec, options, onGap);
  const source =
    spec.synthetic !== undefined
      ? inner
      : withPriceGuard(inner, {
          maxRatio: spec.maxPriceRatio,
          policy: spec.onBadRow ?? 'fail',
          onReject: options.onReject,
        });
  const watched = onGap !== undefined ? withGapDetection(source, onGap, { factor }) : source;
  let closed = false;
  return {
    name: watched.name,
    symbols: watched.symbols,
    batches: () => watched.batches(),
    format,
    expectedBars,
    close() {
      if (closed) return;
      closed = true;
      close();
    },
  };
}

async function openInner(
  spec: DataSpec,
  options: OpenSourceOptions,
  onGap: GapHandler | undefined,
): Promise<{
  source: BarSource;
  format: string;
  close: () => void;
  expectedBars: number | undefined;
}> {
  const symbols = spec.symbols !== undefined && spec.symbols.length > 0 ? spec.symbols : undefined;
  if (spec.synthetic !== undefined) {
    let synthetic: SyntheticSource;
    try {
      synthetic = new SyntheticSource(
        { ...spec.synthetic, seed: spec.synthetic.seed ?? options.seed ?? 42 },
        undefined,
        symbols,
      );
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      const at = options.origin === undefined ? '' : `${options.origin}: `;
      throw new InputError(`${at}${error.message.replaceAll('`synthetic.', '`data.synthetic.')}`, {
        cause: error,
      });
    }
    return {
      source: synthetic,
      format: 'synthetic',
      close: () => {},
      expectedBars: synthetic.market.spec.bars * synthetic.symbols.length,
    };
  }
  const file = resolve(options.baseDir ?? '.', spec.file as string);
  const format = formatOf(file, spec.format ?? 'auto');
  const common = {
    ...(spec.columns !== undefined ? { columns: spec.columns } : {}),
    ...(symbols !== undefined ? { symbols } : {}),
    ...(spec.symbol !== undefined ? { symbol: spec.symbol } : {}),
    onBadRow: spec.onBadRow ?? 'fail',
    ...(options.onReject !== undefined ? { onReject: options.onReject } : {}),
    ...(spec.memoryLimit !== undefined ? { memoryLimit: spec.memoryLimit } : {}),
    ...(spec.timezone !== undefined ? { timezone: spec.timezone } : {}),
  };
  if (format === 'parquet' || format === 'arrow') {
    const open = format === 'parquet' ? openParquet : openArrow;
    const src = await open(file, common);
    return { source: src, format, close: () => src.close(), expectedBars: src.rows };
  }
  const csvFormat = format === 'csv' ? 'auto' : format;
  const src = await loadCsv(file, {
    ...common,
    format: csvFormat,
    ...(onGap !== undefined ? { onGap } : {}),
  });
  return {
    source: src,
    format: `csv-${src.layout}`,
    close: () => src.close(),
    expectedBars: src.size,
  };
}

function formatOf(file: string, format: DataFormat): 'csv' | 'long' | 'wide' | 'parquet' | 'arrow' {
  if (format !== 'auto') return format;
  const name = file.toLowerCase();
  // `prices.csv.gz`, `prices.gz`: gzip-compressed CSV (Parquet and Arrow compress inside).
  const inner = name.endsWith('.gz') ? EXTENSIONS[extname(name.slice(0, -3))] : undefined;
  if (inner !== undefined && inner !== 'csv')
    throw new InputError(
      `${file}: a gzip-compressed ${inner === 'parquet' ? 'Parquet' : 'Arrow'} file cannot be streamed; decompress it (gunzip) first`,
    );
  const byExt = EXTENSIONS[extname(name)];
  if (byExt === undefined)
    throw new InputError(
      `cannot tell the format of ${file} from its extension; use .csv, .csv.gz, .parquet or .arrow, or set data.format (csv, long, wide, parquet, arrow)`,
    );
  return byExt;
}
