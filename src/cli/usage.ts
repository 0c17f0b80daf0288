import { VERSION } from '../core/index.ts';

/** Usage line of `livemodel live` (kept here so `--help` loads no command module). */
export const LIVE_USAGE = `  livemodel live --feed <binance|coinbase|coinbase-advanced|alpaca|ndjson> [--url URL] --symbols A,B [--interval 1m]
                [--reorder-window 1s] [--channel NAME] [--scenario FILE] [--out DIR] [--seed N] [--idle-exit 30s] [--columns ts=…,close=…]
                [--shards N|auto]   (worker threads deciding on the bars, each over a share of the symbols)
                [--metrics-port N [--metrics-host 127.0.0.1]]   (Prometheus /metrics; 0 = a free port, printed)
                [--log-format pretty|json] [--log-level debug|info|warn|error]`;

/** Usage line of `livemodel serve`. */
export const SERVE_USAGE = `  livemodel serve [SCENARIO] [--host 127.0.0.1] [--port 8080] [--token T] [--speed N] [--out DIR] [--set path=value]…
                 [--feed NAME --url URL --symbols A,B --interval 1m [--shards N|auto]]   (attach to a live feed instead of a replay)
                 [--log-format pretty|json] [--log-level debug|info|warn|error]
                 routes: /docs (OpenAPI 3.1), /metrics (Prometheus, no token), /ml/… (docs/live.md)`;

/** Usage lines of `livemodel sweep` and `livemodel worker` (docs/sweeps.md). */
export const SWEEP_USAGE = `  livemodel sweep <sweep.yaml> [--workers N] [--queue redis://host:port] [--queue-name NAME] [--out DIR] [--quiet]
                                                 run a grid of scenario variants (docs/sweeps.md)
  livemodel worker [--queue redis://host:port | rediss://…] [--concurrency N] [--queue-name NAME]   (default: $REDIS_URL)
                                                 process sweep jobs from a Redis queue`;

export const INSPECT_USAGE =
  '  livemodel inspect <DIR | run.duckdb> [--json]   print the summary of an existing run';
export const LIST_USAGE =
  '  livemodel list [DIR] [--json]                  list the runs under DIR (default reports/), oldest first';
export const EXPORT_USAGE = `  livemodel export <DIR | run.duckdb> [--out DIR] [--format parquet|csv] [--views]
      writes every table of the run file (and with --views the v_* views) to one file each,
      default DIR/export/<table>.parquet; ENUM columns become text (docs/duckdb.md)`;

export const GENERATE_USAGE = `Usage: livemodel generate <out.csv|out.parquet> [options]

Writes a seeded synthetic market and its ground truth next to it:
  <out>, <stem>.regimes.<ext> (true regime per symbol and bar), <stem>.drifts.<ext>
  (drift points), <stem>.truth.json (spec, transition matrix, stationary distribution).

Options (all optional; see docs/data.md for the model):
  --symbols N           number of symbols (default 20)
  --bars N              bars per symbol (default 2000)
  --seed N              seed (default 42)
  --start DATE          time of the first bar (default 2000-01-03)
  --interval I          bar spacing: 1d, 4h, 15m, 30s, 250ms (default 1d)
  --drifts A,B,…        bar indices of concept drifts (default none)
  --drift-kind K        flip | rotate (default flip)
  --drift-over N        bars over which each drift is spread (default 0: abrupt)
  --lookbacks L1,L2     signal lookbacks in bars (default 1,5)
  --coefficients B1,B2  signal coefficients (default 0.3,0)
  --persistence P       probability of staying in a regime per bar
  --scope S             symbol | market (one regime chain per symbol, or one for all)
  --factor-loading X    loading on the common factor, 0–1 (default 0.5)
  --jumps P             jump probability per bar (default 0)
  --close-only          write close prices only (no open/high/low/volume)
  --spec FILE           YAML or JSON with the same fields as a scenario's data.synthetic
                        block; the options above override it`;

/** `livemodel run`. */
export const RUN_USAGE = `  livemodel run <scenario.yaml>… [--out DIR] [--seed N] [--data FILE] [--symbols A,B] [--set path=value]… [--speed N] [--shards N|auto] [--quiet] [--json] [--verbose]
      runs each scenario: DIR/run.duckdb, DIR/report.html, DIR/summary.json (default DIR reports/<name>)`;

/** `livemodel report`. */
export const REPORT_USAGE = `  livemodel report <DIR | run.duckdb> [--symbols A,B] [--window N]   regenerate a run's report and summary
  livemodel report DIR1 DIR2 … [--out FILE]     compare runs in one page (default reports/compare.html)`;

/** `livemodel validate`. */
export const VALIDATE_USAGE =
  '  livemodel validate <scenario.yaml>…          check scenario (and sweep) files without running them';

/** `livemodel init`. */
export const INIT_USAGE =
  '  livemodel init [name]                          write a commented starter scenario to scenarios/<name>.yaml';

/** `livemodel schema`. */
export const SCHEMA_USAGE =
  '  livemodel schema                               print the scenario JSON Schema';

/** `livemodel drift`. */
export const DRIFT_USAGE = `  livemodel drift --detector <adwin|page_hinkley|ddm|eddm|kswin|psi> [--param k=v]… [--column C] <FILE | ->
      runs one drift detector over a numeric series and prints the detections as JSON`;

/** `livemodel replay`. */
export const REPLAY_USAGE = `  livemodel replay <live run DIR> [--out DIR2] [--quiet]
      plays a live run's recorded feed (feed_messages) back through the same code: identical predictions`;

/** `livemodel worker` (also shown with sweep). */
export const WORKER_USAGE = `  livemodel worker [--queue redis://host:port | rediss://…] [--concurrency N] [--queue-name NAME]   (default: $REDIS_URL)
                                                 process sweep jobs from a Redis queue`;

/** The whole `livemodel --help` text. */
export const USAGE = `livemodel ${VERSION} — real-time ML model updates on market data

Usage:
${RUN_USAGE}
  livemodel generate <out.csv|out.parquet> [--symbols N] [--bars N] [--seed N] [--interval 1d] [--drifts 1000,2000] …
${REPORT_USAGE}
${INSPECT_USAGE}
${LIST_USAGE}
${EXPORT_USAGE}
${VALIDATE_USAGE}
${INIT_USAGE}
${SCHEMA_USAGE}
${DRIFT_USAGE}
${LIVE_USAGE}
${SERVE_USAGE}
${REPLAY_USAGE}
${SWEEP_USAGE}
  livemodel help <command> | <command> --help | --version

Exit codes: 0 ok, 2 bad input (scenario, data, arguments), 1 other errors, 130 interrupted.`;
