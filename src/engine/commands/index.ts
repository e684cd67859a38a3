// The `db` command layer: the entry points other modules use.
export { runCommand, COMMANDS } from "./run-command";
export { checkStep } from "./step-check";
export { formatOutputLine, logPrefix, LOGGERS } from "./types";
export type { CommandDeps, CommandResult, Logger, OutputLevel, OutputLine } from "./types";
