// migrations/ of an exported project is what `flask db init` writes: the strings the engine
// carries are the files copied from a real `flask db init` (src/engine/export/flask-migrate-init/),
// byte for byte. (scripts' proof, npm run test:export-flask, holds both to a fresh `flask db init`.)
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "vitest";
import { FLASK_MIGRATE_INIT_FILES } from "../../../src/engine/export";

test.each(["alembic.ini", "env.py", "script.py.mako", "README"])("%s", (name) => {
  const copied = readFileSync(join(__dirname, "../../../src/engine/export/flask-migrate-init", name), "utf8");
  expect(FLASK_MIGRATE_INIT_FILES[name]).toBe(copied);
});

test("no other file", () => {
  expect(Object.keys(FLASK_MIGRATE_INIT_FILES).sort()).toEqual(["README", "alembic.ini", "env.py", "script.py.mako"]);
});
