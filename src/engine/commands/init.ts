// `db init` (alembic/command.py init with Flask-Migrate's "flask" template): creates the
// migrations folder and its versions/ folder, and fails when the folder exists and is not empty.
// Retort has no env.py, alembic.ini or script.py.mako to generate: only the README.

import { joinPath, normaliseDir, README_TEXT, versionsDir, withFile } from "../workspace/workspace";
import type { Command } from "./command";
import { DIRECTORY } from "./command";
import { CommandError, info } from "./types";

export const init: Command = {
  spec: { name: "init", help: "Creates a new migration repository.", shortHelp: "Creates a new migration repository.", options: [DIRECTORY] },
  run(ctx) {
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
  },
};
