import type { Scenario } from "../harness/scenario";
import { COLUMN_SCENARIOS } from "./columns";
import { DROP_SCENARIOS } from "./drops";
import { FAILURE_SCENARIOS } from "./failures";
import { PASTED_SCENARIOS } from "./pasted";
import { IDENTIFIER_AND_TYPE_SCENARIOS } from "./identifiers-types";
import { REVISION_SCENARIOS } from "./revisions";
import { TABLE_SCENARIOS } from "./tables";
import { TUTORIAL_SCENARIOS } from "./tutorial";

export const SCENARIOS: readonly Scenario[] = [
  ...TUTORIAL_SCENARIOS,
  ...COLUMN_SCENARIOS,
  ...DROP_SCENARIOS,
  ...TABLE_SCENARIOS,
  ...IDENTIFIER_AND_TYPE_SCENARIOS,
  ...REVISION_SCENARIOS,
  ...FAILURE_SCENARIOS,
  ...PASTED_SCENARIOS,
];
