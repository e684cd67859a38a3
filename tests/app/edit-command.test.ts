// `flask db edit` in the site's terminal: where Alembic starts $EDITOR, the page opens the script
// in a tab and selects it.
import { expect, test } from "vitest";
import { openTab, startTab } from "./support/app-harness";

test("db edit opens the head's script in a tab; edit of an unknown revision opens nothing", async () => {
  const tab = openTab();
  await startTab(tab);
  await tab.playground.run(["migrate", "-m", "first"]);
  const [script] = tab.playground.scriptPaths;
  tab.playground.closeTab(script!);
  expect(tab.playground.tabs).toEqual(["models.ts"]);

  const edit = await tab.playground.run(["edit"]);
  expect(edit.exitCode).toBe(0);
  expect(edit.lines.map((l) => l.text)).toEqual([script]);
  expect(tab.playground.tabs).toEqual(["models.ts", script]);
  expect(tab.playground.activeTab).toBe(script);

  tab.playground.activeTab = "models.ts";
  const unknown = await tab.playground.run(["edit", "ffff"]);
  expect(unknown.exitCode).toBe(1);
  expect(tab.playground.activeTab).toBe("models.ts");
});
