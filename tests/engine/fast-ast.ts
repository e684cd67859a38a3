// The fast parsers' nodes work out `loc` when it is read (src/engine/models/fast-node.ts): a
// getter, which JSON and toEqual do not see. This gives each node its loc as an own field, in
// Babel's place (after end), so that a fast AST compares with Babel's field for field.
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export function withLoc(value: unknown): Json {
  if (Array.isArray(value)) return value.map(withLoc);
  if (value === null || typeof value !== "object") return value as Json;
  const node = value as Record<string, unknown>;
  const out: Record<string, Json> = {};
  const isNode = typeof node["type"] === "string" && typeof node["start"] === "number" && "loc" in node;
  for (const [key, field] of Object.entries(node)) {
    out[key] = withLoc(field);
    if (isNode && key === "end" && !Object.hasOwn(node, "loc")) out["loc"] = withLoc({ ...(node["loc"] as object) });
  }
  return out;
}
