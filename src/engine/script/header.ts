// The doc comment at the top of a script: Alembic's module docstring. Its first paragraph is
// the message (Alembic's Script.doc); "Create Date:" is read for display only.

import type { File } from "@babel/types";

export interface ScriptHeader {
  /** As alembic/script/base.py Script.doc: the stripped docstring up to its first blank line. */
  readonly message: string;
  /** As Script.longdoc: the whole stripped docstring. */
  readonly longdoc: string;
  readonly createDate: string | null;
}

/** Undoes render/script.ts `escapeCommentText`: `*\/` stands for `*` `/`, one backslash less each. */
export function unescapeCommentText(text: string): string {
  return text.replace(/\*(\\+)\//g, (_m, slashes: string) => `*${slashes.slice(1)}/`);
}

/** The leading `/** … *\/` comment, with each line's " * " taken off. */
export function readHeader(ast: File): ScriptHeader {
  const first = ast.comments?.[0];
  const firstStatement = ast.program.body[0];
  const leading = first && first.type === "CommentBlock" && first.value.startsWith("*") && (firstStatement === undefined || first.end! <= firstStatement.start!);
  if (!leading) return { message: "", longdoc: "", createDate: null };
  const lines = first.value
    .slice(1)
    .split(/\r?\n/)
    .map((line) => line.replace(/^[ \t]*\*(?: |$)/, ""));
  const longdoc = unescapeCommentText(lines.join("\n")).trim();
  const date = /^Create Date:[ \t]*(.*)$/m.exec(longdoc);
  return { message: longdoc.split("\n\n")[0]!, longdoc, createDate: date ? date[1]!.trim() : null };
}
