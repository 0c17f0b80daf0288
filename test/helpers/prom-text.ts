/** One sample of a Prometheus text exposition. */
export interface PromSample {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

/** A parsed exposition: samples in order, and each family's TYPE and HELP. */
export interface PromExposition {
  readonly samples: PromSample[];
  readonly types: Map<string, string>;
  readonly help: Map<string, string>;
}

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const TYPES = new Set(['counter', 'gauge', 'histogram', 'summary', 'untyped']);
const SUFFIXES = ['_bucket', '_sum', '_count'];

function parseValue(text: string, line: number): number {
  if (text === '+Inf') return Number.POSITIVE_INFINITY;
  if (text === '-Inf') return Number.NEGATIVE_INFINITY;
  if (text === 'NaN') return Number.NaN;
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text))
    throw new Error(`line ${line}: bad value \`${text}\``);
  return Number(text);
}

/** Reads `{a="x",b="y\"z"}` from `text` at `i` (just after `{`); returns the labels and the index after `}`. */
function parseLabels(text: string, start: number, line: number): [Record<string, string>, number] {
  const labels: Record<string, string> = Object.create(null);
  let i = start;
  for (;;) {
    if (text[i] === '}') return [labels, i + 1];
    const eq = text.indexOf('=', i);
    const key = text.slice(i, eq);
    if (!LABEL.test(key) || text[eq + 1] !== '"')
      throw new Error(`line ${line}: bad label at ${i}`);
    if (key in labels) throw new Error(`line ${line}: label ${key} twice`);
    let j = eq + 2;
    let value = '';
    while (text[j] !== '"') {
      if (j >= text.length) throw new Error(`line ${line}: unterminated label value`);
      if (text[j] === '\\') {
        const e = text[j + 1];
        value += e === 'n' ? '\n' : e === '\\' ? '\\' : e === '"' ? '"' : `\\${e}`;
        j += 2;
      } else value += text[j++];
    }
    labels[key] = value;
    i = j + 1;
    if (text[i] === ',') i++;
    else if (text[i] !== '}') throw new Error(`line ${line}: expected , or } after a label`);
  }
}

/**
 * A strict parser of the Prometheus text format 0.0.4: metric and label names, escapes, values,
 * one TYPE per family before its samples, and for histograms: cumulative buckets ending in
 * `le="+Inf"` equal to `_count`. Throws naming the line on anything else.
 *
 * @example
 * parsePromText('# TYPE x_total counter\nx_total{a="b"} 3\n').samples; // [{ name: 'x_total', labels: { a: 'b' }, value: 3 }]
 */
export function parsePromText(text: string): PromExposition {
  const samples: PromSample[] = [];
  const types = new Map<string, string>();
  const help = new Map<string, string>();
  const seen = new Set<string>();
  text.split('\n').forEach((raw, index) => {
    const line = index + 1;
    if (raw === '') return;
    const meta = /^# (HELP|TYPE) (\S+) ?(.*)$/.exec(raw);
    if (meta !== null) {
      const [, kind, name, rest] = meta as unknown as [string, string, string, string];
      if (!NAME.test(name)) throw new Error(`line ${line}: bad metric name ${name}`);
      if (kind === 'TYPE') {
        if (!TYPES.has(rest)) throw new Error(`line ${line}: bad type ${rest}`);
        if (types.has(name) || seen.has(name))
          throw new Error(`line ${line}: TYPE of ${name} late or twice`);
        types.set(name, rest);
      } else help.set(name, rest);
      return;
    }
    if (raw.startsWith('#')) return;
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)/.exec(raw);
    if (m === null) throw new Error(`line ${line}: bad sample \`${raw}\``);
    const name = m[1] as string;
    let i = name.length;
    let labels: Record<string, string> = Object.create(null);
    if (raw[i] === '{') [labels, i] = parseLabels(raw, i + 1, line);
    if (raw[i] !== ' ') throw new Error(`line ${line}: expected a space before the value`);
    const [value, timestamp, extra] = raw.slice(i + 1).split(' ');
    if (extra !== undefined || (timestamp !== undefined && !/^-?\d+$/.test(timestamp)))
      throw new Error(`line ${line}: bad timestamp`);
    const family = SUFFIXES.reduce(
      (n, s) => (n.endsWith(s) && types.has(n.slice(0, -s.length)) ? n.slice(0, -s.length) : n),
      name,
    );
    seen.add(family);
    samples.push({ name, labels, value: parseValue(value ?? '', line) });
  });
  for (const [family, type] of types) if (type === 'histogram') checkHistogram(family, samples);
  return { samples, types, help };
}

function checkHistogram(family: string, samples: PromSample[]): void {
  const key = (l: Readonly<Record<string, string>>) =>
    JSON.stringify(
      Object.entries(l)
        .filter(([k]) => k !== 'le')
        .sort(),
    );
  const series = new Map<string, PromSample[]>();
  for (const s of samples.filter((x) => x.name === `${family}_bucket`))
    series.set(key(s.labels), [...(series.get(key(s.labels)) ?? []), s]);
  for (const [k, buckets] of series) {
    const les = buckets.map((b) => parseValue(b.labels['le'] ?? '', 0));
    if (les.at(-1) !== Number.POSITIVE_INFINITY) throw new Error(`${family}: no +Inf bucket`);
    buckets.forEach((b, i) => {
      if (i > 0 && (les[i]! <= les[i - 1]! || b.value < buckets[i - 1]!.value))
        throw new Error(`${family}: buckets not increasing`);
    });
    const count = samples.find((s) => s.name === `${family}_count` && key(s.labels) === k);
    if (count?.value !== buckets.at(-1)!.value) throw new Error(`${family}: +Inf bucket ≠ _count`);
  }
}

/** The value of the sample `name` whose labels include `labels`, summed over the others (0 if none). */
export function promSum(
  exposition: PromExposition,
  name: string,
  labels: Readonly<Record<string, string>> = {},
): number {
  return exposition.samples
    .filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))
    .reduce((a, s) => a + s.value, 0);
}
