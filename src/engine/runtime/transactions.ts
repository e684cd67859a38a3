// The two transaction schemes of one runtime. A plain run gives each revision its own
// transaction (BEGIN … COMMIT, or ROLLBACK on failure), with PRAGMA foreign_keys OFF around a
// revision that rebuilds a table (the pragma cannot change inside a transaction). A stepped run
// must be undoable to any earlier pause and cancellable as a whole, so it keeps one outer
// transaction: a SAVEPOINT per revision (a failed revision is rolled back to it, and the earlier
// ones commit with the outer COMMIT, as a plain run leaves them), and a SAVEPOINT per pause that
// step back rolls back to. Its foreign_keys pragma is decided once, before BEGIN: OFF for the
// whole run when any revision rebuilds a table and the user had it ON, with foreign_key_check at
// the end of every revision. So, unlike a plain run, a revision that relies on ON DELETE CASCADE
// in the same stepped run as a rebuild does not cascade: its orphans fail that check, in place.

import type { Database } from "../db/database";
import type { MigrateOp } from "../ops/ops";
import { needsRecreate, runStatement } from "../execute";
import type { OnSql } from "./events";
import { foreignKeyViolations, readForeignKeys, setForeignKeys, type Violation } from "./foreign-keys";
import type { MigrationStep } from "./step";
import { VERSION_TABLE_DDL, hasVersionTable } from "./version-table";

export interface RevisionTx {
  /** The orphans found before the revision, when it must end with foreign_key_check; null otherwise. */
  readonly foreignKeysBefore: readonly Violation[] | null;
  readonly savepoint: string | null;
}

export interface Transactions {
  /** Whether pauses can be marked and undone. */
  readonly stepping: boolean;
  /** Before the first revision: alembic_version exists afterwards. */
  open(): void;
  /** Throws when the revision cannot begin; then nothing is left open. */
  beginRevision(step: MigrationStep): RevisionTx;
  commitRevision(tx: RevisionTx): void;
  /** Never throws: SQLite may already have rolled back on its own (e.g. after SQLITE_FULL). */
  rollbackRevision(tx: RevisionTx): void;
  /** After the last revision (or the failed one): what committed stays. */
  close(): void;
  /** Undoes the whole run (stepping only). */
  cancel(): void;
  /** Whether the run's transaction is still open: nothing outside ended it. */
  isOpen(): boolean;
  /** A point to come back to (stepping only); its name. */
  mark(): string;
  undoTo(mark: string): void;
}

const hasRebuild = (ops: readonly MigrateOp[]) => ops.some((op) => op.kind === "modify_table" && needsRecreate(op.ops));

function quietly(action: () => void): void {
  try {
    action();
  } catch {
    // nothing is left to undo: SQLite ended the transaction itself
  }
}

export class PlainTransactions implements Transactions {
  readonly stepping = false;
  private foreignKeysOff = false;

  constructor(
    private readonly db: Database,
    private readonly onSql: OnSql,
  ) {}

  /** As Alembic's _ensure_version_table: created, in its own transaction, the first time it is needed. */
  open(): void {
    if (hasVersionTable(this.db)) return;
    runStatement(this.db, "BEGIN", this.onSql);
    runStatement(this.db, VERSION_TABLE_DDL, this.onSql);
    runStatement(this.db, "COMMIT", this.onSql);
  }

  beginRevision(step: MigrationStep): RevisionTx {
    // only around rebuilds: other revisions keep the user's pragma, so their cascades run as in Alembic
    this.foreignKeysOff = hasRebuild(step.ops) && readForeignKeys(this.db);
    try {
      if (this.foreignKeysOff) setForeignKeys(this.db, false);
      const foreignKeysBefore = this.foreignKeysOff ? foreignKeyViolations(this.db) : null;
      runStatement(this.db, "BEGIN", this.onSql);
      return { foreignKeysBefore, savepoint: null };
    } catch (e) {
      this.restoreForeignKeys();
      throw e;
    }
  }

  commitRevision(): void {
    runStatement(this.db, "COMMIT", this.onSql);
    this.restoreForeignKeys();
  }

  rollbackRevision(): void {
    quietly(() => runStatement(this.db, "ROLLBACK", this.onSql));
    this.restoreForeignKeys();
  }

  close(): void {}

  // a plain run holds no transaction between two of its requests
  isOpen(): boolean {
    return true;
  }

  cancel(): void {
    throw new Error("A plain run cannot be cancelled: each revision commits as it ends.");
  }

  mark(): string {
    throw new Error("A plain run has no pauses to go back to: start stepping with forward().");
  }

  undoTo(): void {
    this.mark();
  }

  private restoreForeignKeys(): void {
    if (this.foreignKeysOff) setForeignKeys(this.db, true);
    this.foreignKeysOff = false;
  }
}

export class SteppingTransactions implements Transactions {
  readonly stepping = true;
  private foreignKeysOff = false;
  private names = 0;

  constructor(
    private readonly db: Database,
    private readonly onSql: OnSql,
    private readonly steps: readonly MigrationStep[],
  ) {}

  open(): void {
    this.foreignKeysOff = this.steps.some((s) => hasRebuild(s.ops)) && readForeignKeys(this.db);
    if (this.foreignKeysOff) setForeignKeys(this.db, false);
    try {
      runStatement(this.db, "BEGIN", this.onSql);
    } catch (e) {
      this.restoreForeignKeys();
      throw e;
    }
    if (!hasVersionTable(this.db)) runStatement(this.db, VERSION_TABLE_DDL, this.onSql);
  }

  beginRevision(): RevisionTx {
    const savepoint = this.name("revision");
    runStatement(this.db, `SAVEPOINT ${savepoint}`, this.onSql);
    return { foreignKeysBefore: this.foreignKeysOff ? foreignKeyViolations(this.db) : null, savepoint };
  }

  // the revision's savepoint stays until the run ends: releasing it would release the pauses inside it
  commitRevision(): void {}

  rollbackRevision(tx: RevisionTx): void {
    quietly(() => {
      runStatement(this.db, `ROLLBACK TO ${tx.savepoint}`, this.onSql);
      runStatement(this.db, `RELEASE ${tx.savepoint}`, this.onSql);
    });
  }

  close(): void {
    runStatement(this.db, "COMMIT", this.onSql);
    this.restoreForeignKeys();
  }

  cancel(): void {
    quietly(() => runStatement(this.db, "ROLLBACK", this.onSql));
    this.restoreForeignKeys();
  }

  // BEGIN fails only inside a transaction; an app's own COMMIT or ROLLBACK while paused ends it
  isOpen(): boolean {
    try {
      this.db.exec("BEGIN");
    } catch {
      return true;
    }
    this.db.exec("ROLLBACK");
    return false;
  }

  // pauses are the stepper's bookkeeping, not the migration's SQL: they are not reported
  mark(): string {
    const savepoint = this.name("pause");
    this.db.exec(`SAVEPOINT ${savepoint}`);
    return savepoint;
  }

  undoTo(mark: string): void {
    this.db.exec(`ROLLBACK TO ${mark}`);
    this.db.exec(`RELEASE ${mark}`);
  }

  private name(kind: string): string {
    this.names += 1;
    return `retort_${kind}_${this.names}`;
  }

  private restoreForeignKeys(): void {
    if (this.foreignKeysOff) setForeignKeys(this.db, true);
    this.foreignKeysOff = false;
  }
}
