// `node bin/retort.js import-models models.py`: models.ts on stdout, problems on stderr with
// their lines, and the printed models.ts works with `retort db migrate` in a folder.
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { expect, test } from "vitest";

const BIN = resolve(__dirname, "../../bin/retort.js");

function retort(cwd: string, argv: readonly string[]) {
  const r = spawnSync(process.execPath, [BIN, ...argv], { cwd, encoding: "utf8" });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

const MODELS_PY = `from flask_sqlalchemy import SQLAlchemy
db = SQLAlchemy()


class Role(db.Model):
    __tablename__ = "roles"
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(64), unique=True)

    def __repr__(self):
        return "<Role %r>" % self.name
`;

test("import-models prints models.ts, lists what it left out with its line, and the result migrates", () => {
  const dir = mkdtempSync(join(tmpdir(), "retort-import-models-"));
  writeFileSync(join(dir, "models.py"), MODELS_PY);
  const converted = retort(dir, ["import-models", "models.py"]);
  expect(converted.stderr).toBe("models.py:10:5: Class Role: methods and properties are left out (models.ts holds no code, and they do not change the schema): __repr__ (line 10).\n");
  expect(converted.code).toBe(1);
  expect(converted.stdout).toContain('  name = db.Column(db.String(64), { unique: true });\n');
  writeFileSync(join(dir, "models.ts"), converted.stdout);
  expect(retort(dir, ["db", "init"]).code).toBe(0);
  expect(retort(dir, ["db", "migrate"]).stderr).toContain("Detected added table 'roles'");
});

test("import-models without a file, or with one that cannot be read, says so", () => {
  const dir = mkdtempSync(join(tmpdir(), "retort-import-models-"));
  expect(retort(dir, ["import-models"])).toMatchObject({ code: 2, stderr: expect.stringContaining("give one models.py file") });
  expect(retort(dir, ["import-models", "nope.py"])).toMatchObject({ code: 2, stderr: expect.stringContaining("cannot read nope.py") });
});
