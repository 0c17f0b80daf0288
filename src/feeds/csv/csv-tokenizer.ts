import { detectDelimiter, type FieldScan, newFieldScan, scanFields } from './split-csv-line.ts';

/** One CSV record: its cells and the (1-based) line it starts on. */
export interface CsvRecord {
  readonly line: number;
  readonly cells: string[];
}

/** Text that could not be read as a record, at the line where it starts. */
export interface CsvRecordError {
  readonly line: number;
  readonly error: string;
}

export type CsvItem = CsvRecord | CsvRecordError;

/** Longest record (or line) kept in memory; beyond it the record is a bad row. */
export const MAX_RECORD_CHARS = 1 << 20;

/**
 * Splits CSV text, fed in chunks of any size, into records with their line numbers, holding at
 * most one record in memory. Lines end with `\n` or `\r\n`; blank lines (only whitespace) between
 * records are skipped but counted; a leading byte-order mark is dropped; a quoted cell may hold
 * delimiters, `""` and line breaks (a record then spans several lines and is numbered by its
 * first). The delimiter is given or detected from the first non-blank line (`detectDelimiter`).
 *
 * A quoted cell still open at the end of the text, or a record longer than `maxRecordChars`, is
 * an error item at the record's first line; reading goes on after the text it swallowed.
 *
 * @example
 * const t = new CsvTokenizer();
 * t.write('a;b\n1;"x\ny"\n'); // [{ line: 1, cells: ['a', 'b'] }, { line: 2, cells: ['1', 'x\ny'] }]
 * t.end();                    // []
 */
export class CsvTokenizer {
  private delimiterCode = -1;
  private rest = '';
  private lineNo = 0;
  private started = false;
  private discarding = false;
  private open: { scan: FieldScan; line: number; chars: number } | null = null;
  private out: CsvItem[] = [];
  private readonly maxChars: number;

  constructor(options: { delimiter?: string; maxRecordChars?: number } = {}) {
    if (options.delimiter !== undefined) this.delimiterCode = options.delimiter.charCodeAt(0);
    this.maxChars = options.maxRecordChars ?? MAX_RECORD_CHARS;
  }

  /** The delimiter in use (undefined until the first non-blank line when detecting). */
  get delimiter(): string | undefined {
    return this.delimiterCode < 0 ? undefined : String.fromCharCode(this.delimiterCode);
  }

  /** Feeds a chunk of text; returns the records it completed. */
  write(chunk: string): CsvItem[] {
    let text = this.rest + chunk;
    if (!this.started && text.length > 0) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    let pos = 0;
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', pos)) {
      const end = nl > pos && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
      if (this.discarding) {
        this.discarding = false;
        this.lineNo++;
      } else this.line(text.slice(pos, end));
      pos = nl + 1;
    }
    this.rest = this.discarding ? '' : text.slice(pos);
    if (this.rest.length > this.maxChars) this.overlong();
    return this.take();
  }

  /** Ends the text: the last line (without a line break) and any quoted cell left open. */
  end(): CsvItem[] {
    if (!this.discarding && this.rest.length > 0) this.line(this.rest);
    this.rest = '';
    if (this.open !== null) {
      this.out.push({
        line: this.open.line,
        error: 'a quoted field opened on this line is not closed before the end of the file',
      });
      this.open = null;
    }
    return this.take();
  }

  private take(): CsvItem[] {
    const out = this.out;
    this.out = [];
    return out;
  }

  /** A line longer than the limit: an error, and its text is skipped up to the next line break. */
  private overlong(): void {
    const line = this.open?.line ?? this.lineNo + 1;
    this.out.push({ line, error: tooLong(this.maxChars) });
    this.open = null;
    this.rest = '';
    this.discarding = true;
  }

  private line(text: string): void {
    const lineNo = ++this.lineNo;
    const open = this.open;
    if (open !== null) {
      open.scan.cur += '\n';
      open.chars += text.length + 1;
      scanFields(text, this.delimiterCode, open.scan);
      if (open.scan.quoted) {
        if (open.chars > this.maxChars) {
          this.out.push({ line: open.line, error: tooLong(this.maxChars) });
          this.open = null;
        }
        return;
      }
      this.open = null;
      this.out.push({ line: open.line, cells: open.scan.cells });
      return;
    }
    if (text.length === 0 || text.trim() === '') return;
    if (this.delimiterCode < 0) this.delimiterCode = detectDelimiter(text).charCodeAt(0);
    if (!text.includes('"')) {
      this.out.push({ line: lineNo, cells: text.split(String.fromCharCode(this.delimiterCode)) });
      return;
    }
    const scan = newFieldScan();
    scanFields(text, this.delimiterCode, scan);
    if (!scan.quoted) this.out.push({ line: lineNo, cells: scan.cells });
    else if (text.length > this.maxChars)
      this.out.push({ line: lineNo, error: tooLong(this.maxChars) });
    else this.open = { scan, line: lineNo, chars: text.length };
  }
}

function tooLong(max: number): string {
  return `record longer than ${max.toLocaleString('en')} characters (an unclosed quote?); its text was skipped`;
}
