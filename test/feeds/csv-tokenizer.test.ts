import { describe, expect, it } from 'vitest';
import { CsvTokenizer, detectDelimiter, splitCsvLine } from '../../src/feeds/index.ts';

/** Feeds `text` in pieces of `size` characters and returns every item. */
function tokenize(text: string, size = text.length, options = {}) {
  const t = new CsvTokenizer(options);
  const out = [];
  for (let i = 0; i < text.length; i += Math.max(1, size))
    out.push(...t.write(text.slice(i, i + size)));
  out.push(...t.end());
  return out;
}

describe('CsvTokenizer', () => {
  it('doc example', () => {
    const t = new CsvTokenizer();
    expect(t.write('a;b\n1;"x\ny"\n')).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: ['1', 'x\ny'] },
    ]);
    expect(t.end()).toEqual([]);
  });

  it('gives the same records however the text is cut into chunks', () => {
    const text = '\uFEFFts,sym,note\r\n\r\n1,"A,B","x\r\ny"\n2,"C""D",\n  \n3,E,"""q"""\n4,F,last';
    const whole = tokenize(text);
    expect(whole).toEqual([
      { line: 1, cells: ['ts', 'sym', 'note'] },
      { line: 3, cells: ['1', 'A,B', 'x\ny'] },
      { line: 5, cells: ['2', 'C"D', ''] },
      { line: 7, cells: ['3', 'E', '"q"'] },
      { line: 8, cells: ['4', 'F', 'last'] },
    ]);
    for (const size of [1, 2, 3, 5, 7, 64]) expect(tokenize(text, size)).toEqual(whole);
  });

  it('a quote only opens a quoted cell at the start of the cell', () => {
    expect(tokenize('a,b\nx"y,"z"w\n')).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: ['x"y', 'zw'] },
    ]);
  });

  it('reports an unclosed quote, and a record or line over the limit, and goes on', () => {
    expect(tokenize('a,b\n1,"open\n2,3\n')).toEqual([
      { line: 1, cells: ['a', 'b'] },
      {
        line: 2,
        error: 'a quoted field opened on this line is not closed before the end of the file',
      },
    ]);
    const long = `a,b\n1,"${'x'.repeat(30)}\n2,3\n${'y'.repeat(40)}\n4,5\n`;
    for (const size of [1, 8, 1000])
      expect(tokenize(long, size, { maxRecordChars: 20 }).map((r) => r.line)).toEqual([
        1, 2, 3, 4, 5,
      ]);
    expect(tokenize(long, 8, { maxRecordChars: 20 })[1]).toEqual({
      line: 2,
      error: 'record longer than 20 characters (an unclosed quote?); its text was skipped',
    });
  });

  it('detectDelimiter and splitCsvLine doc examples', () => {
    expect(detectDelimiter('date;symbol;close')).toBe(';');
    expect(detectDelimiter('"a;b",c')).toBe(',');
    expect(detectDelimiter('date\tclose')).toBe('\t');
    expect(detectDelimiter('close')).toBe(',');
    expect(splitCsvLine('a,"b,c",d')).toEqual(['a', 'b,c', 'd']);
    expect(splitCsvLine('a;b', ';')).toEqual(['a', 'b']);
    expect(splitCsvLine('a,"open')).toEqual(['a', 'open']);
  });
});
