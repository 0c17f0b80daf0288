import { VERSION } from '../core/index.ts';

/** Usage line of `livemodel live` (kept here so `--help` loads no command module). */
export const LIVE_USAGE = `  livemodel live --feed <binance|coinbase|coinbase-advanced|alpaca|ndjson> [--url URL] --symbols A,B [--interval 1m]
                [--reorder-window 1s] [--channel NAME] [--scenario FILE] [--out DIR] [--seed N] [--idle-exit 30s] [--columns ts=…,close=…]`;

/** Usage line of `livemodel serve`. */
export const SERVE_USAGE = `  livemodel serve [SCENARIO] [--host 127.0.0.1] [--port 8080] [--token T] [--speed N] [--out DIR] [--set path=value]…
                 [--feed NAME --url URL --symbols A,B --interval 1m]   (attach to a live feed instead of a replay)`;

/** Usage lines of `livemodel sweep` and `livemodel worker` (docs/sweeps.md). */
export const SWEEP_USAGE = `  livemodel sweep <sweep.yaml> [--workers N] [--queue redis://host:port] [--queue-name NAME] [--out DIR] [--quiet]
                                                 run a grid of scenario variants (docs/sweeps.md)
  livemodel worker --queue redis://host:port [--concurrency N] [--queue-name NAME]
                                                 process sweep jobs from a Redis queue`;

/** The whole `livemodel --help` text. */
export const USAGE = `livemodel ${VERSION} — real-time ML model updates on market data

Usage:
  livemodel run <scenario.yaml>… [--out DIR] [--seed N] [--data FILE] [--symbols A,B] [--set path=value]… [--speed N] [--shards N|auto] [--quiet] [--json]
  livemodel generate <out.csv|out.parquet> [--symbols N] [--bars N] [--seed N] [--interval 1d] [--drifts 1000,2000] …
  livemodel report <DIR | run.duckdb> [--symbols A,B] [--window N]
  livemodel report DIR1 DIR2 … [--out FILE]     compare runs in one page (default reports/compare.html)
  livemodel inspect <DIR | run.duckdb> [--json]  print the summary of an existing run
  livemodel list [DIR] [--json]                  list the runs under DIR (default reports/), oldest first
  livemodel export <DIR | run.duckdb> [--out DIR] [--format parquet|csv] [--views]   tables (and views) to files (docs/duckdb.md)
  livemodel validate <scenario.yaml>…          check scenario files without running them
  livemodel init [name]                          write a commented starter scenario to scenarios/<name>.yaml
  livemodel schema                               print the scenario JSON Schema
  livemodel drift --detector <adwin|page_hinkley|ddm|eddm|kswin|psi> [--param k=v]… [--column C] <FILE | ->
${LIVE_USAGE}
${SERVE_USAGE}
${SWEEP_USAGE}
  livemodel --help | --version

Exit codes: 0 ok, 2 bad input (scenario, data, arguments), 1 other errors, 130 interrupted.`;
