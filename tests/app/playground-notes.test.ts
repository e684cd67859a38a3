// `flask db init` typed in a new playground: Alembic's refusal stays word for word, and the site
// says why the folder is already there. A folder the user made with `init -d` gets no such line.
import { expect, test } from "vitest";
import { bindEngine } from "../../src/app/engine-binding";
import { EngineHost } from "../../src/app/engine-host";
import { ALREADY_INITIALISED } from "../../src/app/playground-notes";
import type { ProgressView } from "../../src/app/protocol";

const noProgress = (_p: ProgressView) => {};

async function newPlayground(): Promise<EngineHost> {
  const host = new EngineHost(bindEngine({ random: () => 0.5, clock: () => new Date("2026-11-22T05:00:00Z") }));
  await host.open({ kind: "open", title: "Test playground" });
  return host;
}

test("init in a new playground keeps Alembic's error and explains that the playground starts initialised", async () => {
  const host = await newPlayground();
  const result = await host.command(["init"], noProgress);
  expect(result.exitCode).toBe(1);
  expect(result.lines.map((l) => l.text)).toEqual(["Error: Directory migrations already exists and is not empty", ALREADY_INITIALISED]);
  expect(result.lines[1]?.level).toBe("info");
});

test("init of the user's own folder twice is refused as Alembic does, with nothing added", async () => {
  const host = await newPlayground();
  expect((await host.command(["init", "-d", "other"], noProgress)).exitCode).toBe(0);
  const again = await host.command(["init", "-d", "other"], noProgress);
  expect(again.exitCode).toBe(1);
  expect(again.lines.map((l) => l.text)).toEqual(["Error: Directory other already exists and is not empty"]);
});
