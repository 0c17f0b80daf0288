import type { EquityRowWriter, PredictionRowWriter } from '../core/index.ts';
import { type Cell, TABLES, type TableSpec } from './schema.ts';

/** Takes one row's cells in its table's column order (read at once, never kept). */
export type AppendCells = (cells: readonly Cell[]) => void;

/** A scratch row of `spec` with its `fixed` cells set (the others NULL), and a column's index. */
function scratchRow(
  spec: TableSpec,
  fixed: Readonly<Record<string, Cell>>,
): { cells: Cell[]; at: (column: string) => number } {
  const names = spec.columns.map(([name]) => name);
  const cells = names.map((n) => (Object.hasOwn(fixed, n) ? (fixed[n] as Cell) : null));
  const at = (column: string): number => {
    const i = names.indexOf(column);
    if (i < 0) throw new Error(`tick-row-writers: ${spec.name} has no column ${column}`);
    return i;
  };
  return { cells, at };
}

/**
 * The `equity` rows of one (symbol, strategy) series as cells for `append`: the row the table's
 * accessors (schema.ts) read from the equivalent `EquityOutcome`. One scratch row per series,
 * no allocation per row.
 *
 * @example
 * const rows: Cell[][] = [];
 * equityRowWriter('A', 'model', (c) => rows.push([...c]))(0 as EpochMs, 1, 0.01, 1.01, 0, 1);
 * // rows: [['A', 0, 'model', 1, 0.01, 1.01, 0, 1]]
 */
export function equityRowWriter(
  symbol: string,
  strategy: string,
  append: AppendCells,
): EquityRowWriter {
  const { cells, at } = scratchRow(TABLES.equity, { symbol, strategy });
  const [iTs, iPosition, iPnl, iEquity, iCost, iTurnover] = [
    'ts',
    'position',
    'pnl',
    'equity',
    'cost',
    'turnover',
  ].map(at) as [number, number, number, number, number, number];
  return (ts, position, pnl, equity, cost, turnover) => {
    cells[iTs] = ts;
    cells[iPosition] = position;
    cells[iPnl] = pnl;
    cells[iEquity] = equity;
    cells[iCost] = cost;
    cells[iTurnover] = turnover;
    append(cells);
  };
}

/**
 * The `predictions` rows of one (variant, symbol) as cells for `append`: the row the table's
 * accessors read from the equivalent `PredictionOutcome`.
 */
export function predictionRowWriter(
  variant: string,
  symbol: string,
  append: AppendCells,
): PredictionRowWriter {
  const { cells, at } = scratchRow(TABLES.predictions, { variant, symbol });
  const [iTs, iHorizon, iRole, iVersion, iScore, iLabel, iLoss] = [
    'ts',
    'horizon_ts',
    'role',
    'model_version',
    'score',
    'label',
    'loss',
  ].map(at) as [number, number, number, number, number, number, number];
  return (ts, horizonTs, role, modelVersion, score, label, loss) => {
    cells[iTs] = ts;
    cells[iHorizon] = horizonTs;
    cells[iRole] = role;
    cells[iVersion] = modelVersion;
    cells[iScore] = score;
    cells[iLabel] = label;
    cells[iLoss] = loss;
    append(cells);
  };
}
