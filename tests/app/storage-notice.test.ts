// The header's one storage message: saves and undo snapshots both report to it, it says the
// problem in one short line with the full reason kept, and it goes once storage works again.
import "./support/runes";
import { expect, test } from "vitest";
import { storageMessage } from "../../src/app/persist/playground-store";
import { StorageNotice } from "../../src/app/storage-notice.svelte";
import { openTab, startTab } from "./support/app-harness";
import { memoryStore } from "../../src/app/persist/kv-store";

const full = storageMessage(Object.assign(new Error("quota"), { name: "QuotaExceededError" }));
const snapshotFull = `The database could not be kept before this step, so it cannot be undone: ${full}`;

test("a full store that refuses both the save and the snapshot is one short message, with both reasons kept", () => {
  const notice = new StorageNotice();
  expect(notice.shown).toBeNull();
  notice.reportSave(full);
  notice.reportSnapshot(snapshotFull);
  expect(notice.shown).toEqual({ text: "Not saved: browser storage is full.", detail: `${full} ${snapshotFull}` });
  expect(notice.shown!.text.length).toBeLessThan(50);
});

test("the message goes when a later save works, even if the failure was the snapshot's", () => {
  const notice = new StorageNotice();
  notice.reportSnapshot(snapshotFull);
  expect(notice.shown?.text).toBe("Storage full: this step can't be undone.");
  notice.reportSave(null);
  expect(notice.shown).toBeNull();
  notice.reportSave(full);
  notice.reportSnapshot(null);
  expect(notice.shown).toBeNull();
});

test("another refusal (private mode) says it was not saved, without claiming the store is full", () => {
  const notice = new StorageNotice();
  notice.reportSave(storageMessage(new Error("The operation is insecure.")));
  expect(notice.shown?.text).toBe("Not saved: the browser refused to store it.");
});

test("in a tab: a step whose snapshot the full store refused, then a save that fits, leaves no message", async () => {
  const kv = memoryStore();
  let refuse = false;
  const tab = openTab({ ...kv, setMany: async (entries) => {
    if (refuse) throw Object.assign(new Error("quota"), { name: "QuotaExceededError" });
    await kv.setMany(entries);
  } });
  await startTab(tab);
  await tab.playground.run(["migrate", "-m", "first"]);
  refuse = true;
  await tab.playground.run(["upgrade"]);
  await tab.library.autosave.saveNow();
  expect(tab.library.storage.shown?.text).toBe("Not saved: browser storage is full.");
  expect(tab.library.storage.snapshot).toMatch(/cannot be undone/);
  refuse = false;
  tab.playground.editFile("models.ts", `${tab.playground.fileText("models.ts")}\n// more\n`);
  await tab.library.autosave.flush();
  expect(tab.library.storage.shown).toBeNull();
});
