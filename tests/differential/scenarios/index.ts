import type { Scenario } from "../harness/scenario";
import { TUTORIAL_SCENARIOS } from "./tutorial";

export const SCENARIOS: readonly Scenario[] = [...TUTORIAL_SCENARIOS];
