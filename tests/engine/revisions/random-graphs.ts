// Seeded random revision graphs and queries for the differential test: short ids with shared
// prefixes (so partial ids collide), merges, dependencies, labels, a few broken graphs, and
// database states taken from the graph (every applied revision's tips) or picked at random.

export type Query =
  | { kind: "map" }
  | { kind: "history"; base: string | null; head: string | null }
  | { kind: "upgrade" | "downgrade"; target: string; heads: string[] }
  | { kind: "stamp"; target: string; heads: string[]; purge: boolean }
  | { kind: "current"; heads: string[] }
  | { kind: "get_revision"; id: string };

export interface Header {
  revision: string;
  downRevision: string | string[] | null;
  branchLabels: string[] | null;
  dependsOn: string[] | null;
  message: string;
}

export interface Case {
  headers: Header[];
  queries: Query[];
}

/** mulberry32: a small seeded generator, so that every run tests the same cases. */
function generator(seed: number) {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const sample = <T>(items: readonly T[], k: number): T[] => {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
    }
    return copy.slice(0, Math.min(k, copy.length));
  };
  return { next, int, pick, sample };
}

type Gen = ReturnType<typeof generator>;

const PREFIXES = ["ab12", "ab13", "cd", "ef", "ab1", "7f", "0a"];

function newId(g: Gen, used: Set<string>): string {
  for (;;) {
    const length = g.pick([2, 4, 8]);
    const id = g.pick(PREFIXES) + Array.from({ length }, () => g.pick([..."0123456789abcdef"])).join("");
    if (!used.has(id)) {
      used.add(id);
      return id;
    }
  }
}

function randomHeaders(g: Gen): Header[] {
  const used = new Set<string>();
  const labels = new Set<string>();
  const headers: Header[] = [];
  const n = g.int(1, 9);
  for (let i = 0; i < n; i++) {
    const revision = newId(g, used);
    const prev = headers.map((h) => h.revision);
    let downRevision: Header["downRevision"] = null;
    if (prev.length > 0 && g.next() >= 0.15) {
      const picks = g.sample(prev, g.next() < 0.75 ? 1 : g.pick([2, 2, 3]));
      downRevision = picks.length === 1 && g.next() < 0.7 ? (picks[0] as string) : picks;
    }
    const dependsOn = prev.length > 0 && g.next() < 0.15 ? g.sample(prev, 1) : null;
    let branchLabels: string[] | null = null;
    const label = g.pick(["feat", "other", "lbl", "featx"]);
    if (g.next() < 0.2 && !labels.has(label)) {
      labels.add(label);
      branchLabels = [label];
    }
    headers.push({ revision, downRevision, branchLabels, dependsOn, message: `msg ${revision}` });
  }
  if (g.next() < 0.1) breakGraph(g, headers);
  return g.next() < 0.5 ? g.sample(headers, headers.length) : headers;
}

/** Cycles, missing revisions, clashing labels and duplicate ids. */
function breakGraph(g: Gen, headers: Header[]): void {
  const h = g.pick(headers);
  const ids = headers.map((x) => x.revision);
  const how = g.int(0, 4);
  if (how === 0) h.downRevision = g.pick(ids);
  else if (how === 1) h.dependsOn = [g.pick(ids)];
  else if (how === 2) h.branchLabels = [g.pick([...ids, "feat"])];
  else if (how === 3) h.downRevision = "zzzz9";
  else h.revision = g.pick(ids);
}

function symbols(g: Gen, headers: Header[]): string[] {
  const out = ["head", "heads", "base", "zzzz", "ab12", "ab13", "+1", "+2", "+3", "-1", "-2", "-3", "+0", "-0"];
  for (const id of g.sample(headers.map((h) => h.revision), 3)) {
    out.push(id, id.slice(0, 4), id.slice(0, 5), `${id}+1`, `${id}-1`, `${id}+2`, `${id}-2`, `${id}@head`);
  }
  for (const l of headers.flatMap((h) => h.branchLabels ?? [])) {
    out.push(l, `${l}@head`, `${l}@base`, `${l}@heads`, `${l}@+1`, `${l}@-1`, `${l}@+2`);
  }
  return out;
}

/** Database states: nothing, random rows, and the tips of a random applied set. */
function states(g: Gen, headers: Header[]): string[][] {
  const byId = new Map(headers.map((h) => [h.revision, h]));
  const below = (id: string) => {
    const h = byId.get(id);
    const down = h?.downRevision ?? [];
    return [...(typeof down === "string" ? [down] : down), ...(h?.dependsOn ?? [])].filter((d) => byId.has(d));
  };
  const ids = headers.map((h) => h.revision);
  const out: string[][] = [[], g.sample(ids, 1), g.sample(ids, 2)];
  for (let i = 0; i < 3; i++) {
    const applied = new Set<string>();
    const todo = g.sample(ids, g.pick([1, 1, 2]));
    while (todo.length > 0) {
      const id = todo.pop() as string;
      if (!applied.has(id)) {
        applied.add(id);
        todo.push(...below(id));
      }
    }
    const under = new Set([...applied].flatMap(below));
    out.push(ids.filter((id) => applied.has(id) && !under.has(id)));
  }
  return out;
}

export function randomCases(seed: number, count: number): Case[] {
  const g = generator(seed);
  return Array.from({ length: count }, () => {
    const headers = randomHeaders(g);
    const syms = symbols(g, headers);
    const maybe = () => (g.next() < 0.2 ? null : g.pick(syms));
    const queries: Query[] = [{ kind: "map" }, { kind: "history", base: null, head: null }];
    for (let i = 0; i < 4; i++) queries.push({ kind: "history", base: maybe(), head: maybe() });
    for (const heads of states(g, headers)) {
      for (let i = 0; i < 3; i++) {
        queries.push({ kind: "upgrade", target: g.pick(syms), heads });
        queries.push({ kind: "downgrade", target: g.pick(syms), heads });
        queries.push({ kind: "stamp", target: g.pick(syms), heads, purge: g.next() < 0.2 });
      }
      queries.push({ kind: "current", heads });
    }
    for (let i = 0; i < 6; i++) queries.push({ kind: "get_revision", id: g.pick(syms) });
    return { headers, queries };
  });
}
