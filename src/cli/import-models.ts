// `retort import-models models.py`: a Flask-SQLAlchemy models.py converted to models.ts (SPEC §1)
// on stdout, and what could not be converted on stderr, each with its line, as the site's
// "Paste models.py…" dialog shows them.

import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { convertModelsPy } from "../engine/index";
import type { Io } from "./share";

export const IMPORT_MODELS_HELP = `Usage: retort import-models MODELS.py

  Converts Flask-SQLAlchemy models (models.py) into Retort's models.ts and prints it on
  stdout: \`retort import-models models.py > models.ts\`. What cannot be converted (methods,
  unknown types, SQLAlchemy 2.0's mapped_column, …) is left out and listed on stderr as
  models.py:LINE:COLUMN: message. The exit status is 1 when anything was left out.

Options:
  --help  Show this message and exit.
`;

export function runImportModels(args: readonly string[], cwd: string, io: Io): number {
  if (args.includes("--help") || args.includes("-h")) {
    io.out(IMPORT_MODELS_HELP);
    return 0;
  }
  const [file, ...extra] = args;
  if (file === undefined || extra.length > 0) {
    io.err(`${IMPORT_MODELS_HELP.split("\n")[0]}\n\nError: give one models.py file${extra.length > 0 ? `, not also ${extra.join(" ")}` : ""}.\n`);
    return 2;
  }
  let python: string;
  try {
    python = readFileSync(resolve(cwd, file), "utf8");
  } catch (e) {
    io.err(`Error: cannot read ${file}: ${(e as Error).message}\n`);
    return 2;
  }
  const { text, problems } = convertModelsPy(python);
  io.out(text);
  for (const p of problems) io.err(`${file}:${p.line}:${p.column}: ${p.message}\n`);
  return problems.length > 0 ? 1 : 0;
}
