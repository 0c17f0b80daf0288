import { describe, expect, it } from 'vitest';
import {
  doubleSql,
  openPrivateDuckDb,
  quoteIdent,
  quoteLiteral,
  timestampSql,
} from '../../src/feeds/index.ts';

describe('timestampSql and friends', () => {
  it('doc example', () => {
    expect(timestampSql('"date"', 'DATE')).toBe('epoch_ms(CAST("date" AS TIMESTAMP))::DOUBLE');
  });

  it('picks the conversion by type, and refuses types that hold no timestamp', () => {
    expect(timestampSql('t', 'TIMESTAMP WITH TIME ZONE')).toBe('epoch_ms(t)::DOUBLE');
    expect(timestampSql('t', 'BIGINT')).toBe('lm_num_ts(CAST(t AS DOUBLE))');
    expect(timestampSql('t', 'VARCHAR')).toBe('lm_parse_ts(t)');
    expect(timestampSql('t', 'TIME')).toBeNull();
    expect(doubleSql('c', 'DECIMAL(18,3)')).toBe('CAST(c AS DOUBLE)');
    expect(doubleSql('c', 'VARCHAR')).toBe('TRY_CAST(c AS DOUBLE)');
    expect(quoteIdent('a"b')).toBe('"a""b"');
    expect(quoteLiteral("it's")).toBe("'it''s'");
  });

  it('openPrivateDuckDb doc example: the timestamp functions follow parseTimestamp', async () => {
    const db = await openPrivateDuckDb('512MB');
    const rows = (
      await db.connection.runAndReadAll(
        `SELECT lm_parse_ts('2024-03-01T10:30:00+01:00') AS a, lm_parse_ts('2024-02-30') AS b, lm_num_ts(20240301) AS c, lm_num_ts(1709251200.5) AS d`,
      )
    ).getRowObjectsJson();
    expect(rows).toEqual([
      {
        a: Date.UTC(2024, 2, 1, 9, 30),
        b: null,
        c: Date.UTC(2024, 2, 1),
        d: Date.UTC(2024, 2, 1) + 500,
      },
    ]);
    db.close();
    db.close();
  });
});
