// The page's question before an upgrade or downgrade: the worker's answer to "step-warnings"
// (counted on a copy, the playground untouched), and the question's life in StepWarnings.
import "./support/runes";
import { describe, expect, test } from "vitest";
import { bindEngine } from "../../src/app/engine-binding";
import { EngineHost } from "../../src/app/engine-host";
import { StepWarnings } from "../../src/app/step-warnings.svelte";
import { engineClient, openTab, startTab, waitFor } from "./support/app-harness";

const noProgress = () => {};

async function tutorialWithRows(): Promise<EngineHost> {
  const host = new EngineHost(bindEngine());
  await host.open({ kind: "open", title: "Test playground" });
  expect((await host.command(["migrate", "-m", "initial migration"], noProgress)).exitCode).toBe(0);
  expect((await host.command(["upgrade"], noProgress)).exitCode).toBe(0);
  await host.query("INSERT INTO roles (id, name) VALUES (1, 'admin')");
  await host.query("INSERT INTO users (id, username, role_id) VALUES (1, 'ann', 1), (2, 'bob', 1)");
  return host;
}

describe("step warnings", () => {
  test("the worker counts what downgrade to base drops, and changes nothing", async () => {
    const host = await tutorialWithRows();
    const before = host.exportWorkspace();
    const warnings = await host.stepWarnings(["downgrade", "base"]);
    expect(warnings.map((w) => [w.direction, w.kind, w.table, w.rows])).toEqual([
      ["downgrade", "data-loss", "users", 2],
      ["downgrade", "data-loss", "roles", 1],
    ]);
    expect(warnings[0]!.line).toMatch(/^Downgrade [0-9a-f]{12} \(initial migration\): Dropping table 'users' deletes its 2 rows\./);
    expect(host.exportWorkspace()).toEqual(before);
    expect((await host.snapshot()).tables.map((t) => [t.name, t.rowCount])).toEqual([
      ["roles", 1],
      ["users", 2],
    ]);
    expect(await host.stepWarnings(["upgrade"])).toEqual([]);
  });

  test("the buttons' downgrade asks first: Cancel runs nothing, Run anyway runs it; the terminal's does not ask", async () => {
    const client = engineClient();
    const tab = openTab(undefined, null, undefined, client);
    await startTab(tab);
    const { playground } = tab;
    const addRole = () => client.request({ kind: "query", sql: "INSERT INTO roles (id, name) VALUES (1, 'admin')" });
    await playground.run(["migrate", "-m", "first"]);
    await playground.run(["upgrade"]);
    const revision = playground.snapshot!.history.current;
    await addRole();
    // the terminal keeps Alembic's way: it prints the warning and runs
    const typed = await playground.run(["downgrade", "base"]);
    expect(typed.lines.some((l) => l.level === "warning" && l.text.includes("Dropping table 'roles' deletes its 1 row"))).toBe(true);
    expect(playground.beforeStep.question).toBeNull();
    expect(playground.snapshot!.history.current).toEqual([]);
    await playground.run(["upgrade"]);
    await addRole();

    const cancelled = playground.downgrade("base");
    await waitFor(() => playground.beforeStep.question !== null);
    expect(playground.beforeStep.question!.warnings.map((w) => w.message.slice(0, 38))).toEqual(["Dropping table 'roles' deletes its 1 r"]);
    playground.beforeStep.answer("cancel");
    expect(await cancelled).toBeNull();
    expect(playground.snapshot!.history.current).toEqual(revision);

    const ran = playground.downgrade("base");
    await waitFor(() => playground.beforeStep.question !== null);
    playground.beforeStep.answer("run");
    expect((await ran)?.exitCode).toBe(0);
    expect(playground.snapshot!.history.current).toEqual([]);
  });

  test("a question waits for its answer; a new one cancels the one still open", async () => {
    const ask = new StepWarnings();
    const first = ask.ask(["upgrade", "+1"], []);
    const second = ask.ask(["downgrade", "base"], []);
    expect(await first).toBe("cancel");
    expect(ask.question?.argv).toEqual(["downgrade", "base"]);
    ask.answer("run");
    expect(await second).toBe("run");
    expect(ask.question).toBeNull();
  });
});
