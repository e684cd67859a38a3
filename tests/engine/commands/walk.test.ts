// The tutorial of /work/shared/seeds (Role and User, then an email column) through runCommand,
// with the lines the real `flask db` printed for the same steps, logger prefixes included.
import { describe, expect, test } from "vitest";
import { query, session, tutorialModels, withoutEnvironment } from "./helpers";

const INITIAL = "33aeb0bd3217";
const EMAIL = "9f3a45b61f3d";

describe("the tutorial walk", () => {
  test("init, migrate, upgrade, add email, migrate, upgrade, downgrade, current, history", async () => {
    const s = session(tutorialModels(), [INITIAL, EMAIL]);
    const init = await s.run("init");
    expect(init.exitCode).toBe(0);
    expect(s.printed(init)).toEqual([
      "Creating directory migrations ...  done",
      "Creating directory migrations/versions ...  done",
      "Generating migrations/README ...  done",
    ]);

    const first = await s.run("migrate", "-m", "initial migration");
    expect(first.exitCode).toBe(0);
    expect(s.printed(first)).toEqual([
      "INFO  [alembic.runtime.migration] Context impl SQLiteImpl.",
      "INFO  [alembic.runtime.migration] Will assume transactional DDL.",
      "INFO  [alembic.autogenerate.compare] Detected added table 'roles'",
      "INFO  [alembic.autogenerate.compare] Detected added table 'users'",
      "INFO  [alembic.autogenerate.compare] Detected added index 'ix_users_username' on '['username']'",
      `Generating migrations/versions/${INITIAL}_initial_migration.ts ...  done`,
    ]);
    expect(Object.keys(s.ws.files)).toContain(`migrations/versions/${INITIAL}_initial_migration.ts`);

    const up = await s.run("upgrade");
    expect(withoutEnvironment(s.printed(up))).toEqual([`INFO  [alembic.runtime.migration] Running upgrade  -> ${INITIAL}, initial migration`]);
    expect(await query(s.ws, "SELECT version_num FROM alembic_version")).toEqual([[INITIAL]]);

    s.ws = { ...s.ws, files: { ...s.ws.files, "models.ts": tutorialModels({ email: true }) } };
    const second = await s.run("migrate", "-m", "Added email field");
    expect(withoutEnvironment(s.printed(second))).toEqual([
      "INFO  [alembic.autogenerate.compare] Detected added column 'users.email'",
      "INFO  [alembic.autogenerate.compare] Detected added unique constraint 'uq_users_email' on '['email']'",
      `Generating migrations/versions/${EMAIL}_added_email_field.ts ...  done`,
    ]);

    const up2 = await s.run("upgrade");
    expect(withoutEnvironment(s.printed(up2))).toEqual([`INFO  [alembic.runtime.migration] Running upgrade ${INITIAL} -> ${EMAIL}, Added email field`]);
    expect((await query(s.ws, "SELECT name FROM pragma_table_info('users')")).flat()).toContain("email");

    const down = await s.run("downgrade");
    expect(withoutEnvironment(s.printed(down))).toEqual([`INFO  [alembic.runtime.migration] Running downgrade ${EMAIL} -> ${INITIAL}, Added email field`]);
    expect((await query(s.ws, "SELECT name FROM pragma_table_info('users')")).flat()).not.toContain("email");

    expect(withoutEnvironment(s.printed(await s.run("current")))).toEqual([INITIAL]);
    expect(s.printed(await s.run("history"))).toEqual([
      `${INITIAL} -> ${EMAIL} (head), Added email field`,
      `<base> -> ${INITIAL}, initial migration`,
    ]);
    await s.run("upgrade");
    expect(withoutEnvironment(s.printed(await s.run("current")))).toEqual([`${EMAIL} (head)`]);
  });

  test("migrate with nothing to do logs 'No changes in schema detected.' and writes no file", async () => {
    const s = session(tutorialModels(), [INITIAL, EMAIL]);
    await s.run("init");
    await s.run("migrate", "-m", "initial migration");
    await s.run("upgrade");
    const before = Object.keys(s.ws.files);
    const again = await s.run("migrate", "-m", "nothing");
    expect(again.exitCode).toBe(0);
    expect(withoutEnvironment(s.printed(again))).toEqual(["INFO  [alembic.env] No changes in schema detected."]);
    expect(Object.keys(s.ws.files)).toEqual(before);
  });

  test("without a naming convention, migrate warns about the unnamed unique constraint and upgrade refuses it, leaving the database as it was", async () => {
    const s = session(tutorialModels({ naming: false }), [INITIAL, EMAIL]);
    await s.run("init");
    await s.run("migrate", "-m", "initial migration");
    await s.run("upgrade");
    s.ws = { ...s.ws, files: { ...s.ws.files, "models.ts": tutorialModels({ email: true, naming: false }) } };
    const migrate = await s.run("migrate", "-m", "Added email field");
    expect(s.text(migrate)).toContain("Detected added unique constraint 'None' on '['email']'");
    const warnings = migrate.lines.filter((l) => l.level === "warning").map((l) => l.text);
    expect(warnings.some((w) => w.includes("users(email)") && w.includes("namingConvention"))).toBe(true);
    const up = await s.run("upgrade");
    expect(up.exitCode).toBe(1);
    expect(s.printed(up).some((l) => l.startsWith("ERROR [flask_migrate] Error: Running upgrade"))).toBe(true);
    expect(await query(s.ws, "SELECT version_num FROM alembic_version")).toEqual([[INITIAL]]);
    expect(await query(s.ws, "SELECT name FROM sqlite_master WHERE name LIKE '_alembic_tmp%'")).toEqual([]);
  });
});
