// Every lesson, in the gallery's order. Each is one file of data (./types.ts).

import { lesson as createAll } from "./1-create-all";
import { lesson as flaskyInitial } from "./2-flasky-initial";
import { lesson as addEmail } from "./3-add-email";
import { lesson as reviewScript } from "./4-review-script";
import { lesson as renameColumn } from "./5-rename-column";
import { lesson as dataMigration } from "./6-data-migration";
import { lesson as downgradeDataLoss } from "./7-downgrade-data-loss";
import { lesson as teamBranches } from "./8-team-branches";
import { lesson as largeTableBatch } from "./9-large-table-batch";
import { lesson as viewsAndTriggers } from "./10-views-and-triggers";
import type { Lesson } from "./types";

export const LESSONS: readonly Lesson[] = [createAll, flaskyInitial, addEmail, reviewScript, renameColumn, dataMigration, downgradeDataLoss, teamBranches, largeTableBatch, viewsAndTriggers];

export function findLesson(id: string): Lesson | undefined {
  return LESSONS.find((l) => l.id === id);
}

export type { Lesson, LessonStep, ShowMeAction, LessonFile } from "./types";
