const QUOTE = 34; // "

/** Where a record stopped: its finished cells, the cell being read, and whether a quote is open. */
export interface FieldScan {
  readonly cells: string[];
  cur: string;
  quoted: boolean;
  /** Nothing read yet in the current cell (a quote here opens a quoted cell). */
  atStart: boolean;
}

/** A fresh {@link FieldScan}. */
export function newFieldScan(): FieldScan {
  return { cells: [], cur: '', quoted: false, atStart: true };
}

/**
 * Reads one physical line into `scan`, continuing a quoted cell left open by the previous line.
 * RFC 4180 quoting: a cell that starts with `"` is quoted, `""` inside it is one quote, and a
 * quote ends it; text after the closing quote (up to the delimiter) is kept as it is, and a quote
 * anywhere else is an ordinary character. When the line ends inside a quoted cell the scan stays
 * `quoted` (the caller adds the line break and the next line); otherwise the last cell is pushed.
 */
export function scanFields(line: string, delimiter: number, scan: FieldScan): void {
  let { cur, quoted, atStart } = scan;
  const cells = scan.cells;
  const n = line.length;
  let i = 0;
  while (i < n) {
    if (quoted) {
      const q = line.indexOf('"', i);
      if (q < 0) {
        cur += line.slice(i);
        i = n;
      } else if (line.charCodeAt(q + 1) === QUOTE) {
        cur += line.slice(i, q + 1);
        i = q + 2;
      } else {
        cur += line.slice(i, q);
        quoted = false;
        i = q + 1;
      }
      continue;
    }
    const ch = line.charCodeAt(i);
    if (ch === delimiter) {
      cells.push(cur);
      cur = '';
      atStart = true;
    } else if (ch === QUOTE && atStart) {
      quoted = true;
      atStart = false;
    } else {
      cur += line[i];
      atStart = false;
    }
    i++;
  }
  scan.quoted = quoted;
  scan.atStart = atStart;
  if (quoted) scan.cur = cur;
  else {
    cells.push(cur);
    scan.cur = '';
  }
}

/**
 * Splits one CSV line on a delimiter (default `,`), honouring double-quoted cells with `""`
 * escapes (RFC 4180; a quoted cell left open runs to the end of the line).
 *
 * @example
 * splitCsvLine('a,"b,c",d'); // ['a', 'b,c', 'd']
 * splitCsvLine('a;b', ';');  // ['a', 'b']
 */
export function splitCsvLine(line: string, delimiter = ','): string[] {
  if (!line.includes('"')) return line.split(delimiter);
  const scan = newFieldScan();
  scanFields(line, delimiter.charCodeAt(0), scan);
  if (scan.quoted) scan.cells.push(scan.cur);
  return scan.cells;
}

/** Delimiters {@link detectDelimiter} chooses from, in the order ties are broken. */
export const DELIMITERS = [',', ';', '\t'] as const;

/**
 * The delimiter of a CSV file, from its header line: whichever of `,`, `;` and tab occurs most
 * often outside quotes (ties in that order; `,` when none occurs).
 *
 * @example
 * detectDelimiter('date;symbol;close'); // ';'
 * detectDelimiter('"a;b",c');           // ','
 */
export function detectDelimiter(headerLine: string): string {
  const bare = headerLine.replace(/"(?:[^"]|"")*"/g, '');
  let best: string = ',';
  let most = 0;
  for (const d of DELIMITERS) {
    const count = bare.split(d).length - 1;
    if (count > most) {
      best = d;
      most = count;
    }
  }
  return best;
}
