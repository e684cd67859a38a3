// Runs `db` commands through runCommand on real sql.js databases, with revision ids and dates
// that a test can predict.
import { openTestDatabase } from "../../binding";
import { formatOutputLine, runCommand } from "../../../src/engine/commands";
import type { CommandResult } from "../../../src/engine/commands";
import { newWorkspace, type Workspace } from "../../../src/engine/workspace/workspace";

export const NAMING = `{
  namingConvention: {
    ix: "ix_%(column_0_label)s",
    uq: "uq_%(table_name)s_%(column_0_name)s",
    ck: "ck_%(table_name)s_%(constraint_name)s",
    fk: "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    pk: "pk_%(table_name)s",
  },
}`;

const ROLE = `export class Role extends db.Model {
  static __tablename__ = "roles";
  id = db.Column(db.Integer, { primaryKey: true });
  name = db.Column(db.String(64), { unique: true });
  users = db.relationship("User", { backref: "role" });
}`;

/** The tutorial's models (seeds/2 and 4): Role and User, with or without the email column. */
export function tutorialModels(opts: { email?: boolean; naming?: boolean } = {}): string {
  const email = opts.email ? `\n  email = db.Column(db.String(120), { unique: true });` : "";
  return `import { SQLAlchemy } from "retort";

const db = new SQLAlchemy(${opts.naming === false ? "" : NAMING});

${ROLE}

export class User extends db.Model {
  static __tablename__ = "users";
  id = db.Column(db.Integer, { primaryKey: true });
  username = db.Column(db.String(64), { unique: true, index: true });${email}
  role_id = db.Column(db.Integer, db.ForeignKey("roles.id"));
}
`;
}

/** A stream of [0, 1) values that spells the given hex ids, 12 digits each, then zeros. */
export function randomFor(...ids: string[]): () => number {
  const digits = ids.join("").split("").map((d) => parseInt(d, 16));
  let i = 0;
  return () => ((digits[i++] ?? 0) + 0.5) / 16;
}

export const FIXED_DATE = new Date(2026, 10, 22, 3, 58, 8, 639);

export interface Session {
  ws: Workspace;
  run(...argv: string[]): Promise<CommandResult>;
  /** The lines of the last result, as text. */
  text(result: CommandResult): string[];
  /** The lines of the last result as the CLI prints them: logger prefixes included. */
  printed(result: CommandResult): string[];
}

export function session(models: string, ids: string[] = []): Session {
  const random = randomFor(...ids);
  const s: Session = {
    ws: newWorkspace("test", models),
    async run(...argv) {
      const result = await runCommand(argv, s.ws, { openDatabase: openTestDatabase, random, clock: () => FIXED_DATE });
      s.ws = result.workspace;
      return result;
    },
    text: (result) => result.lines.map((l) => l.text),
    printed: (result) => result.lines.map(formatOutputLine),
  };
  return s;
}

/** Rows of a query on the workspace's database. */
export async function query(ws: Workspace, sql: string): Promise<unknown[][]> {
  const db = await openTestDatabase(ws.database ?? undefined);
  try {
    return db.query(sql).rows.map((r) => [...r]);
  } finally {
    db.close();
  }
}

/** Lines (messages, or whole lines with their prefix) without the environment lines every online command logs first. */
export const withoutEnvironment = (lines: readonly string[]) =>
  lines.filter((l) => !/^(INFO  \[alembic\.runtime\.migration\] )?(Context impl SQLiteImpl\.|Will assume (non-)?transactional DDL\.|Generating static SQL)$/.test(l));
