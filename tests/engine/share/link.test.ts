import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { fromBase64Url, toBase64Url, deflate } from "../../../src/engine/share/codec";
import { decodeShareFragment, encodeShareFragment, MAX_LINK_CHARS, type SharedPlayground } from "../../../src/engine/share/link";

const tutorial: SharedPlayground = {
  title: "Flask-Migrate tutorial",
  models: 'import { SQLAlchemy } from "retort";\nconst db = new SQLAlchemy();\nexport class Role extends db.Model {\n  static __tablename__ = "roles";\n  id = db.Column(db.Integer, { primaryKey: true });\n}\n',
  scripts: { "a08b4139c4fb_initial_migration.ts": "export const revision = \"a08b4139c4fb\";\n" },
  heads: ["a08b4139c4fb"],
  rows: { roles: { columns: ["id", "name"], rows: [[1, "admin"], [2, null], [3, { base64: "AAEC" }]] } },
};

describe("base64url", () => {
  test("round-trips every byte value without padding", () => {
    const bytes = Uint8Array.from({ length: 256 }, (_, i) => i);
    const text = toBase64Url(bytes);
    expect(text).not.toMatch(/[+/=]/);
    expect(fromBase64Url(text)).toEqual(bytes);
  });
  test("refuses characters outside the alphabet and impossible lengths", () => {
    expect(fromBase64Url("ab+c")).toBeNull();
    expect(fromBase64Url("abcde")).toBeNull();
  });
});

describe("share links", () => {
  test("a playground round-trips through a link", async () => {
    const fragment = await encodeShareFragment(tutorial);
    expect(fragment).toMatch(/^#r1\.[A-Za-z0-9_-]+$/);
    expect(await decodeShareFragment(fragment)).toEqual({ ok: true, playground: tutorial });
  });

  test("a link that was cut short is refused as truncated", async () => {
    const fragment = await encodeShareFragment(tutorial);
    const result = await decodeShareFragment(fragment.slice(0, fragment.length - 20));
    expect(result).toMatchObject({ ok: false, reason: "truncated" });
  });

  test("a link from a newer Retort is refused by version", async () => {
    const fragment = (await encodeShareFragment(tutorial)).replace("#r1.", "#r9.");
    const result = await decodeShareFragment(fragment);
    expect(result).toMatchObject({ ok: false, reason: "unknown-version" });
    if (!result.ok) expect(result.message).toContain("format 9");
  });

  test("a fragment that is not a Retort link is refused as damaged", async () => {
    expect(await decodeShareFragment("#hello")).toMatchObject({ ok: false, reason: "damaged" });
    expect(await decodeShareFragment("#r1.ab+c")).toMatchObject({ ok: false, reason: "damaged" });
  });

  test("an oversized link is refused before it is decoded", async () => {
    const result = await decodeShareFragment("#r1." + "A".repeat(MAX_LINK_CHARS));
    expect(result).toMatchObject({ ok: false, reason: "too-large" });
  });

  test("a small link that inflates past the limit is refused as too large", async () => {
    const bomb = new TextEncoder().encode(`{"title":"${"x".repeat(9 * 1024 * 1024)}"}`);
    const fragment = "#r1." + toBase64Url(await deflate(bomb));
    expect(fragment.length).toBeLessThan(40_000);
    expect(await decodeShareFragment(fragment)).toMatchObject({ ok: false, reason: "too-large" });
  });

  test("hostile contents are refused as invalid, saying what is wrong", async () => {
    const cases: [unknown, string][] = [
      [{ ...tutorial, scripts: { "../../etc/passwd.ts": "x" } }, "script name"],
      [{ ...tutorial, scripts: { "<img src=x onerror=alert(1)>.ts": "x" } }, "script name"],
      [{ ...tutorial, heads: "head" }, "current revision"],
      [{ ...tutorial, rows: { t: { columns: ["a"], rows: [[1, 2]] } } }, "rows"],
      [{ ...tutorial, title: 42 }, "title"],
      [[1, 2, 3], "no playground"],
    ];
    for (const [payload, words] of cases) {
      const fragment = "#r1." + toBase64Url(await deflate(new TextEncoder().encode(JSON.stringify(payload))));
      const result = await decodeShareFragment(fragment);
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.reason).toBe("invalid");
        expect(result.message).toContain(words);
      }
    }
  });

  test("fuzz: damaged links never crash and are always refused with a reason", async () => {
    const fragment = await encodeShareFragment(tutorial);
    await fc.assert(
      fc.asyncProperty(fc.nat(fragment.length - 1), fc.string({ maxLength: 8 }), fc.nat(3), async (at, junk, mode) => {
        const damaged =
          mode === 0 ? fragment.slice(0, at) :
          mode === 1 ? fragment.slice(0, at) + junk + fragment.slice(at + 1) :
          mode === 2 ? fragment.slice(0, at) + fragment.slice(at + junk.length + 1) :
          fragment.slice(0, at) + String.fromCharCode(fragment.charCodeAt(at) ^ 1) + fragment.slice(at + 1);
        const result = await decodeShareFragment(damaged);
        if (result.ok) {
          // A change that still decodes must still be a well-formed playground.
          expect(typeof result.playground.models).toBe("string");
        } else {
          expect(["damaged", "truncated", "too-large", "unknown-version", "invalid"]).toContain(result.reason);
          expect(result.message.length).toBeGreaterThan(20);
        }
      }),
      { numRuns: 300 },
    );
  });
});
