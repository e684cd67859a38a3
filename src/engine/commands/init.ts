// `db init` (alembic/command.py init with Flask-Migrate's "flask" template): creates the
// migrations folder and its versions/ folder, and fails when the folder exists and is not empty.
// Retort has no env.py, alembic.ini or script.py.mako to generate: only the README.

import { joinPath, normaliseDir, README_TEXT, versionsDir, withFile } from "../workspace/workspace";
import type { Command } from "./command";
import { DIRECTORY } from "./command";
import { flagOption, stringOption } from "./args";
import { CommandError, info, warning } from "./types";

const MULTIDB = { key: "multidb", names: ["--multidb"], flag: true, help: "Support multiple databases" };
const TEMPLATE = { key: "template", names: ["-t", "--template"], help: 'Repository template to use (default is "flask")' };
const PACKAGE = { key: "package", names: ["--package"], flag: true, help: "Write empty __init__.py files to the environment and version locations" };

export const init: Command = {
  spec: { name: "init", help: "Creates a new migration repository.", shortHelp: "Creates a new migration repository.", options: [DIRECTORY, MULTIDB, TEMPLATE, PACKAGE] },
  run(ctx, args) {
    if (flagOption(args, "multidb")) throw new CommandError("Retort works on one database, app.db: --multidb (Flask-Migrate's flask-multidb template) is not supported. Run `db init` without it.");
    const template = stringOption(args, "template");
    // as alembic/command.py init; "flask" is the one template Retort has
    if (template !== undefined && template !== "flask") throw new CommandError(`No such template '${template}'`);
    const dir = normaliseDir(ctx.directory);
    if (dir === "") throw new CommandError(`Directory '${ctx.directory}' is the project folder itself. Choose a folder inside it, e.g. -d migrations.`);
    const prefix = `${dir}/`;
    if (Object.keys(ctx.workspace.files).some((path) => path.startsWith(prefix))) {
      throw new CommandError(`Directory ${dir} already exists and is not empty`);
    }
    const readme = joinPath(dir, "README");
    ctx.push(info(`Creating directory ${dir} ...  done`), info(`Creating directory ${versionsDir(dir)} ...  done`));
    ctx.workspace = withFile(ctx.workspace, readme, README_TEXT);
    ctx.push(info(`Generating ${readme} ...  done`));
    if (flagOption(args, "package")) ctx.push(warning("--package writes Python __init__.py files; Retort's scripts are TypeScript modules and need none, so none were written."));
  },
};

/** `db list-templates` (flask_migrate list_templates): Retort has Flask-Migrate's single-database one. */
export const listTemplates: Command = {
  spec: { name: "list-templates", help: "List available templates.", shortHelp: "List available templates.", options: [] },
  run(ctx) {
    ctx.push(info("Available templates:"), info(""), info(`flask - ${README_TEXT.trim()}`));
  },
};
