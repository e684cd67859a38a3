// SQL text -> its statements, where SQLite would end each one (as sqlite3_complete decides): at a
// semicolon outside quotes, identifiers and comments, and inside CREATE TRIGGER only after its
// END. The SQL console runs what the user pasted statement by statement, as the sqlite3 shell does;
// sql.js's prepare() would run the first one and silently drop the rest.

const WORD = /[A-Za-z_][A-Za-z0-9_$]*/y;

/** The statements of `sql`, each with its text as written (no trailing semicolon); empty ones and bare comments are left out. */
export function splitStatements(sql: string): string[] {
  const statements: string[] = [];
  let start = 0;
  // the statement's leading keywords, to tell CREATE [TEMP] TRIGGER apart
  let words: string[] = [];
  let inTrigger = false;
  let lastWord = "";
  let hasCode = false;
  const end = (at: number) => {
    if (hasCode) statements.push(sql.slice(start, at).trim());
    start = at + 1;
    words = [];
    inTrigger = false;
    lastWord = "";
    hasCode = false;
  };
  for (let i = 0; i < sql.length; ) {
    const c = sql[i]!;
    if (c === "-" && sql[i + 1] === "-") {
      const nl = sql.indexOf("\n", i);
      i = nl < 0 ? sql.length : nl + 1;
    } else if (c === "/" && sql[i + 1] === "*") {
      const close = sql.indexOf("*/", i + 2);
      i = close < 0 ? sql.length : close + 2;
    } else if (c === "'" || c === '"' || c === "`" || c === "[") {
      i = closingQuote(sql, i);
      hasCode = true;
      lastWord = "";
    } else if (c === ";") {
      // inside a trigger's body, only the semicolon after END ends the CREATE TRIGGER
      if (!inTrigger || lastWord === "END") end(i);
      else lastWord = "";
      i++;
    } else if (/[A-Za-z_]/.test(c)) {
      WORD.lastIndex = i;
      const word = WORD.exec(sql)![0];
      const upper = word.toUpperCase();
      hasCode = true;
      if (words.length < 3) {
        words.push(upper);
        inTrigger = words[0] === "CREATE" && (words[1] === "TRIGGER" || ((words[1] === "TEMP" || words[1] === "TEMPORARY") && words[2] === "TRIGGER"));
      }
      lastWord = upper;
      i += word.length;
    } else {
      if (!/\s/.test(c)) {
        hasCode = true;
        lastWord = "";
      }
      i++;
    }
  }
  end(sql.length);
  return statements;
}

/** The index after the quote that closes the one at `open` (a doubled quote is part of the text). */
function closingQuote(sql: string, open: number): number {
  const close = sql[open] === "[" ? "]" : sql[open]!;
  for (let i = open + 1; i < sql.length; i++) {
    if (sql[i] !== close) continue;
    if (close !== "]" && sql[i + 1] === close) {
      i++;
      continue;
    }
    return i + 1;
  }
  return sql.length;
}

/** The statement without the comments and blanks before its first word ("-- why\nCOMMIT" is "COMMIT"). */
export function withoutLeadingComments(statement: string): string {
  let rest = statement;
  for (;;) {
    const trimmed = rest.trimStart();
    if (trimmed.startsWith("--")) {
      const nl = trimmed.indexOf("\n");
      rest = nl < 0 ? "" : trimmed.slice(nl + 1);
    } else if (trimmed.startsWith("/*")) {
      const close = trimmed.indexOf("*/");
      rest = close < 0 ? "" : trimmed.slice(close + 2);
    } else {
      return trimmed;
    }
  }
}
