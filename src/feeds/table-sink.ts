import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '../core/index.ts';
import { quoteIdent, quoteLiteral } from './columnar-relation.ts';
import { openPrivateDuckDb } from './duckdb-open.ts';

/** A column of a written table: `ts` cells are epoch ms, NaN numbers are empty / NULL. */
export interface SinkColumn {
  readonly name: string;
  readonly kind: 'ts' | 'text' | 'double' | 'int';
}

/** Rows written one at a time to a CSV or Parquet file. */
export interface TableSink {
  append(row: readonly (string | number)[]): void;
  /** Finishes the file (for Parquet: converts the buffered rows). */
  close(): Promise<void>;
}

export interface TableSinkOptions {
  /** How CSV shows times: `date` (YYYY-MM-DD, for daily data) or `iso` (default). */
  readonly tsStyle?: 'date' | 'iso';
}

const FLUSH_CHARS = 1 << 20;

/**
 * Opens a streaming table writer by file extension: `.csv` is written as it comes (1 MB
 * buffer); `.parquet` goes through a temporary CSV that DuckDB converts at `close()` (typed
 * columns, TIMESTAMP times, zstd). Memory stays bounded either way.
 *
 * @throws {InputError} for another extension.
 * @example
 * const sink = openTableSink('out/prices.parquet', [{ name: 'ts', kind: 'ts' }, { name: 'close', kind: 'double' }]);
 * sink.append([Date.UTC(2024, 0, 2), 101.5]);
 * await sink.close();
 */
export function openTableSink(file: string, columns: readonly SinkColumn[], options: TableSinkOptions = {}): TableSink {
  const lower = file.toLowerCase();
  if (lower.endsWith('.csv')) return csvSink(file, columns, options.tsStyle ?? 'iso');
  if (lower.endsWith('.parquet')) return parquetSink(file, columns);
  throw new InputError(`Expected an output file ending in .csv or .parquet, got \`${file}\``);
}

function csvSink(file: string, columns: readonly SinkColumn[], tsStyle: 'date' | 'iso' | 'epoch'): TableSink {
  const fd = openSync(file, 'w');
  let buf = `${columns.map((c) => c.name).join(',')}\n`;
  let lastTs = Number.NaN;
  let lastText = '';
  const tsText = (ms: number): string => {
    if (ms !== lastTs) {
      lastTs = ms;
      lastText = tsStyle === 'epoch' ? String(ms) : tsStyle === 'date' ? new Date(ms).toISOString().slice(0, 10) : new Date(ms).toISOString();
    }
    return lastText;
  };
  return {
    append(row) {
      for (let c = 0; c < columns.length; c++) {
        const v = row[c] as string | number;
        if (c > 0) buf += ',';
        if (typeof v === 'string') buf += /[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v;
        else if (Number.isNaN(v)) continue;
        else buf += (columns[c] as SinkColumn).kind === 'ts' ? tsText(v) : String(v);
      }
      buf += '\n';
      if (buf.length >= FLUSH_CHARS) {
        writeSync(fd, buf);
        buf = '';
      }
    },
    async close() {
      writeSync(fd, buf);
      buf = '';
      closeSync(fd);
    },
  };
}

const DUCK_TYPES: Record<SinkColumn['kind'], string> = { ts: 'BIGINT', text: 'VARCHAR', double: 'DOUBLE', int: 'BIGINT' };

function parquetSink(file: string, columns: readonly SinkColumn[]): TableSink {
  const dir = mkdtempSync(join(tmpdir(), 'livemodel-sink-'));
  const temp = join(dir, 'rows.csv');
  const csv = csvSink(temp, columns, 'epoch');
  return {
    append: csv.append,
    async close() {
      await csv.close();
      const db = await openPrivateDuckDb('512MB');
      try {
        const types = columns.map((c) => `${quoteLiteral(c.name)}: ${quoteLiteral(DUCK_TYPES[c.kind])}`).join(', ');
        const select = columns.map((c) => (c.kind === 'ts' ? `make_timestamp(${quoteIdent(c.name)} * 1000) AS ${quoteIdent(c.name)}` : quoteIdent(c.name))).join(', ');
        await db.connection.run(`COPY (SELECT ${select} FROM read_csv(${quoteLiteral(temp)}, header = true, columns = {${types}}, quote = '"', escape = '"')) TO ${quoteLiteral(file)} (FORMAT parquet, COMPRESSION zstd)`);
      } finally {
        db.close();
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
