// `db edit` in a terminal: Alembic's open_in_editor (alembic/util/editor.py). $EDITOR, then
// $VISUAL, is used as is when it is a path that exists, or looked up on PATH ahead of the usual
// editors when it is a bare name; the first found is run on the script, in the terminal, and
// the command waits for it.

import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { delimiter, extname, join, sep } from "node:path";

const POSIX = process.platform !== "win32";

function defaultEditors(): string[] {
  return POSIX ? ["sensible-editor", "editor", "nano", "vim", "code"] : ["code.exe", "notepad++.exe", "notepad.exe"];
}

function findExecutable(candidate: string, env: NodeJS.ProcessEnv): string | null {
  const name = !POSIX && extname(candidate) !== ".exe" ? `${candidate}.exe` : candidate;
  for (const dir of (env.PATH ?? "").split(delimiter)) {
    const path = join(dir, name);
    if (dir !== "" && existsSync(path)) return path;
  }
  return null;
}

/** The editor Alembic would start, or null (Alembic: "No suitable editor found"). */
export function findEditor(env: NodeJS.ProcessEnv): string | null {
  const candidates = defaultEditors();
  for (const [i, variable] of (["EDITOR", "VISUAL"] as const).entries()) {
    const choice = env[variable];
    // an empty variable is unset (Alembic would look up "" and find the first PATH folder)
    if (choice === undefined || choice === "") continue;
    if (existsSync(choice)) return choice;
    if (!choice.includes(sep)) candidates.splice(i, 0, choice);
  }
  for (const candidate of candidates) {
    const path = findExecutable(candidate, env);
    if (path !== null) return path;
  }
  return null;
}

/** Opens each file in turn; returns the error line (Alembic's words) when an editor cannot run or fails. */
export function openInEditor(files: readonly string[], env: NodeJS.ProcessEnv = process.env): string | null {
  const editor = findEditor(env);
  if (editor === null) return 'Error: Error executing editor (No suitable editor found. Please set the "EDITOR" or "VISUAL" environment variables)';
  for (const file of files) {
    const run = spawnSync(editor, [file], { stdio: "inherit", env });
    if (run.error) return `Error: Error executing editor (${run.error.message})`;
    if (run.status !== 0) return `Error: Error executing editor (Command '['${editor}', '${file}']' returned non-zero exit status ${run.status ?? run.signal}.)`;
  }
  return null;
}
