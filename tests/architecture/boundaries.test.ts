// Enforces the module boundaries of STYLE.md by reading every import in src/.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve, dirname } from "node:path";
import { describe, expect, test } from "vitest";

const SRC = resolve(__dirname, "../../src");

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return filesUnder(path);
    return /\.(ts|svelte)$/.test(name) ? [path] : [];
  });
}

const IMPORT = /(?:import|export)\s+(type\s+)?(?:[^"'`;]*?\sfrom\s+)?["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g;

interface Import { file: string; spec: string; typeOnly: boolean; target: string }

function importsOf(file: string): Import[] {
  const text = readFileSync(file, "utf8");
  const found: Import[] = [];
  for (const m of text.matchAll(IMPORT)) {
    const spec = (m[2] ?? m[3])!;
    const target = spec.startsWith(".") ? relative(SRC, resolve(dirname(file), spec)) : spec;
    found.push({ file: relative(SRC, file), spec, typeOnly: Boolean(m[1]), target });
  }
  return found;
}

const all = filesUnder(SRC).flatMap(importsOf);
const from = (area: string) => all.filter((i) => i.file.startsWith(area + "/"));
const describeImport = (i: Import) => `${i.file} imports '${i.spec}'`;

describe("module boundaries (STYLE.md)", () => {
  test("the engine imports no app, ui, cli, svelte, monaco, idb or node built-ins; sql.js only in db/sqljs.ts", () => {
    const bad = from("engine").filter((i) => {
      if (/^(app|ui|cli)\b/.test(i.target)) return true;
      if (/^(svelte|monaco-editor|idb-keyval)/.test(i.spec) || i.spec.startsWith("node:")) return true;
      return i.spec === "sql.js" && i.file !== "engine/db/sqljs.ts";
    });
    expect(bad.map(describeImport)).toEqual([]);
  });

  test("app imports only the engine facade, and monaco only in app/editor", () => {
    const bad = from("app").filter((i) => {
      if (i.target.startsWith("engine/") && i.target !== "engine/index" && i.target !== "engine/index.ts") return true;
      if (/^ui\b/.test(i.target)) return true;
      return i.spec.startsWith("monaco-editor") && !i.file.startsWith("app/editor/");
    });
    expect(bad.map(describeImport)).toEqual([]);
  });

  test("ui imports app and ui, and only types from the engine facade", () => {
    const bad = from("ui").filter((i) => {
      if (i.target.startsWith("engine")) return !(i.typeOnly && /^engine\/index(\.ts)?$/.test(i.target));
      return /^(sql\.js|idb-keyval)/.test(i.spec);
    });
    expect(bad.map(describeImport)).toEqual([]);
  });

  test("cli imports only the engine facade and node built-ins", () => {
    const bad = from("cli").filter((i) => {
      if (i.target.startsWith("engine/")) return !/^engine\/index(\.ts)?$/.test(i.target);
      return /^(app|ui)\b/.test(i.target);
    });
    expect(bad.map(describeImport)).toEqual([]);
  });

  test("lessons are data: they import only types from the engine facade, and their own files", () => {
    const bad = from("lessons").filter((i) => {
      if (i.target.startsWith("engine")) return !(i.typeOnly && /^engine\/index(\.ts)?$/.test(i.target));
      // "retort" is the models.ts text a lesson starts from, which the regex reads as an import
      return !i.target.startsWith("lessons/") && i.spec !== "retort";
    });
    expect(bad.map(describeImport)).toEqual([]);
  });

  test("no source evaluates text as code", () => {
    const offenders = filesUnder(SRC).filter((f) => /\beval\s*\(|new\s+Function\s*\(/.test(readFileSync(f, "utf8")));
    expect(offenders.map((f) => relative(SRC, f))).toEqual([]);
  });
});
