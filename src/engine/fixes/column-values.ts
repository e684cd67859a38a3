// A value for every row of a column that has none yet, chosen from the column's type as the script
// writes it (sa.Integer(), sa.VARCHAR(64), …): 0 for numbers and booleans, the current date or
// time for dates and times, '' for the rest. The user sees it in the edit and changes it at will.

export interface FillValue {
  /** As a serverDefault in a script: "0", sa.text("CURRENT_TIMESTAMP"). */
  readonly serverDefault: string;
  /** As SQL in an UPDATE: 0, CURRENT_TIMESTAMP, ''. */
  readonly sql: string;
}

const NUMERIC = /\b(Integer|BigInteger|SmallInteger|Numeric|Float|Boolean|INTEGER|BIGINT|SMALLINT|NUMERIC|DECIMAL|FLOAT|REAL|DOUBLE|BOOLEAN)\b/;
const CURRENT: readonly [RegExp, string][] = [
  [/\b(DateTime|DATETIME|TIMESTAMP)\b/, "CURRENT_TIMESTAMP"],
  [/\b(Date|DATE)\b/, "CURRENT_DATE"],
  [/\b(Time|TIME)\b/, "CURRENT_TIME"],
];

export function fillValueFor(typeText: string): FillValue {
  if (NUMERIC.test(typeText)) return { serverDefault: '"0"', sql: "0" };
  for (const [pattern, keyword] of CURRENT) if (pattern.test(typeText)) return { serverDefault: `sa.text("${keyword}")`, sql: keyword };
  return { serverDefault: '""', sql: "''" };
}
