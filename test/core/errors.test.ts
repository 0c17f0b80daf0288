import { describe, expect, it } from 'vitest';
import { describeValue, escapeText } from '../../src/core/index.ts';

describe('escapeText', () => {
  it('doc example', () => {
    expect(escapeText('A\x1b[31mB\n')).toBe('A\\x1b[31mB\\n');
  });

  it('escapes every control, bidi and separator character and leaves printable text alone', () => {
    expect(escapeText('\u0000\t\r\u007f\u0085\u009b\u2028\u202e\u2066\ufeff')).toBe(
      '\\x00\\t\\r\\x7f\\x85\\x9b\\u2028\\u202e\\u2066\\ufeff',
    );
    const printable = 'DAX €ü 株 😀 C:\\data "quoted" `tick`';
    expect(escapeText(printable)).toBe(printable);
    let all = '';
    for (let c = 0; c < 0xd800; c++) all += String.fromCharCode(c);
    expect(escapeText(all, all.length)).not.toMatch(
      // biome-ignore lint/suspicious/noControlCharactersInRegex: no control character may remain
      /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/,
    );
  });

  it('cuts long text, saying how long it was, without splitting a surrogate pair', () => {
    expect(escapeText('x'.repeat(200), 10)).toBe('xxxxxxxxxx… (200 chars)');
    expect(escapeText(`${'x'.repeat(9)}😀yy`, 10)).toBe('xxxxxxxxx… (13 chars)');
  });
});

describe('describeValue', () => {
  it('shows the value and its type, with control characters escaped', () => {
    expect(describeValue(-1)).toBe('`-1` (number)');
    expect(describeValue('a\u001b[2Jb')).toBe('`"a\\u001b[2Jb"` (string)');
    expect(describeValue('\u009b31m')).toBe('`"\\x9b31m"` (string)');
  });
});
