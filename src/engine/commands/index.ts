// The `db` command layer: the entry points other modules use.
export { runCommand, COMMANDS } from "./run-command";
export { checkStep } from "./step-check";
export type { CommandDeps, CommandResult, OutputLevel, OutputLine } from "./types";
