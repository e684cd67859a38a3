// The two tools under comparison, each working in its own folder: Flask-Migrate through
// /usr/bin/flask and an app.py, Retort through `node bin/retort.js` and a models.ts.
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { runProcess, type ProcessResult } from "./process";
import type { NamingConvention, Scenario, TextEdit } from "./scenario";

export const REPO = resolve(__dirname, "../../..");
export const FLASK = "/usr/bin/flask";
export const PYTHON = "/usr/bin/python3";
export const RETORT_BIN = join(REPO, "bin/retort.js");

/** Fails (never skips) when the real tool is not there: the oracle cannot record without it. */
export function requireFlask(flask = FLASK, python = PYTHON): void {
  if (!existsSync(flask) || !existsSync(python)) {
    throw new Error(
      `Recording the oracle needs the real Flask-Migrate at ${flask} (and ${python}). ` +
        "Install it with `apt-get install python3-flask-migrate python3-flask-sqlalchemy`, then run `npm run oracle:record` again.",
    );
  }
}

/** Fails (never skips) without the bundled CLI, which tests/global-setup.ts builds before any test. */
export function requireRetortCli(): void {
  const bundle = join(REPO, "dist-cli/retort.mjs");
  if (!existsSync(bundle)) throw new Error(`${bundle} is missing: tests/global-setup.ts should have built it (node scripts/build-cli.js).`);
  if (!existsSync(RETORT_BIN)) throw new Error(`${RETORT_BIN} does not exist: the CLI entry point is missing.`);
}

const pyString = (s: string) => JSON.stringify(s);

function pyConvention(convention: NamingConvention): string {
  const entries = Object.entries(convention).map(([k, v]) => `${pyString(k)}: ${pyString(v)}`);
  return `metadata=MetaData(naming_convention={${entries.join(", ")}})`;
}

// Flask-Migrate's defaults (compare_type=True, render_as_batch=True) come from Migrate itself.
export function flaskApp(scenario: Pick<Scenario, "namingConvention" | "foreignKeys">, classes: string): string {
  const dbArgs = scenario.namingConvention ? `app, ${pyConvention(scenario.namingConvention)}` : "app";
  const pragma = scenario.foreignKeys
    ? [
        "from sqlalchemy import event",
        "from sqlalchemy.engine import Engine",
        "",
        "",
        '@event.listens_for(Engine, "connect")',
        "def _foreign_keys_on(dbapi_connection, _record):",
        '    dbapi_connection.execute("PRAGMA foreign_keys=ON")',
        "",
      ]
    : [];
  return [
    "from os.path import abspath, dirname, join",
    "from flask import Flask",
    "from flask_sqlalchemy import SQLAlchemy",
    "from flask_migrate import Migrate",
    "from sqlalchemy import MetaData",
    ...pragma,
    "",
    "app = Flask(__name__)",
    'app.config["SQLALCHEMY_DATABASE_URI"] = "sqlite:///" + join(dirname(abspath(__file__)), "app.db")',
    `db = SQLAlchemy(${dbArgs})`,
    "migrate = Migrate(app, db)",
    "",
    "",
    classes.trim(),
    "",
  ].join("\n");
}

export function retortModels(scenario: Pick<Scenario, "namingConvention">, classes: string): string {
  const options = scenario.namingConvention
    ? `{\n  namingConvention: {\n${Object.entries(scenario.namingConvention)
        .map(([k, v]) => `    ${k}: ${JSON.stringify(v)},`)
        .join("\n")}\n  },\n}`
    : "";
  return `import { SQLAlchemy } from "retort";\n\nconst db = new SQLAlchemy(${options});\n\n${classes.trim()}\n`;
}

export interface Side {
  readonly name: string;
  /** Which half of a models or edit step this side takes. */
  readonly language: "python" | "ts";
  readonly dir: string;
  writeModels(classes: string): void;
  runDb(argv: readonly string[]): Promise<ProcessResult>;
}

export function flaskSide(dir: string, scenario: Scenario): Side {
  return {
    name: "flask",
    language: "python",
    dir,
    writeModels: (classes) => writeFileSync(join(dir, "app.py"), flaskApp(scenario, classes)),
    runDb: (argv) =>
      runProcess(FLASK, ["db", ...argv], { cwd: dir, env: { FLASK_APP: "app.py", PYTHONDONTWRITEBYTECODE: "1" } }),
  };
}

/**
 * `foreignKeys`: the Retort CLI opens its own connection per command, so the scenario asks it
 * to turn the pragma on through RETORT_SQLITE_PRAGMAS (what a user's connection would have on).
 */
export function retortSide(dir: string, scenario: Scenario): Side {
  const env: Record<string, string> = scenario.foreignKeys ? { RETORT_SQLITE_PRAGMAS: "foreign_keys=ON" } : {};
  return {
    name: "retort",
    language: "ts",
    dir,
    writeModels: (classes) => writeFileSync(join(dir, "models.ts"), retortModels(scenario, classes)),
    runDb: (argv) => runProcess(process.execPath, [RETORT_BIN, "db", ...argv], { cwd: dir, env }),
  };
}

/** Applies an edit to the newest migration script (by modification time) in migrations/versions. */
export function editNewestScript(dir: string, change: TextEdit): string {
  const versions = join(dir, "migrations/versions");
  const scripts = readdirSync(versions)
    .filter((f) => /\.(py|ts)$/.test(f))
    .map((f) => ({ f, t: statSync(join(versions, f)).mtimeMs }))
    .sort((a, b) => b.t - a.t);
  const newest = scripts[0];
  if (!newest) throw new Error(`No migration script in ${versions} to edit.`);
  const path = join(versions, newest.f);
  const text = readFileSync(path, "utf8");
  const at = text.indexOf(change.find);
  if (at < 0) throw new Error(`The edit did not apply: ${JSON.stringify(change.find)} is not in ${path}.`);
  writeFileSync(path, text.slice(0, at) + change.replace + text.slice(at + change.find.length));
  return path;
}
