// Click's command-line rules (click/parser.py), as Flask-Migrate's `flask db` commands use them:
// options anywhere among the arguments, `-mvalue` / `-m value` / `--message=value`, combined
// short flags (`-vi`), `--` ending the options, and Click's usage errors (exit code 2).
// Retort does better on one point (SPEC §3): a negative number such as `-2` is an argument,
// so `downgrade -2` works without `--`.

export interface OptionSpec {
  readonly key: string;
  /** As Click lists them: short name first ("-m", "--message"). */
  readonly names: readonly string[];
  /** An option without a value (`--sql`). */
  readonly flag?: boolean;
  /** The option may repeat; its values are collected (`-x a -x b`). */
  readonly multiple?: boolean;
  readonly help: string;
}

export interface ArgumentSpec {
  readonly key: string;
  /** REVISION or REVISIONS, as Click prints it in the usage line. */
  readonly metavar: string;
  /** Click's nargs=-1: any number of values. */
  readonly variadic?: boolean;
  readonly default?: string;
}

export interface CommandSpec {
  readonly name: string;
  /** The command's docstring, as `--help` prints it. */
  readonly help: string;
  /** As `flask db --help` lists it (Click cuts long docstrings with "..."). */
  readonly shortHelp: string;
  readonly options: readonly OptionSpec[];
  readonly argument?: ArgumentSpec;
}

export type OptionValue = string | boolean | readonly string[] | undefined;

export interface ParsedArgs {
  readonly options: Readonly<Record<string, OptionValue>>;
  /** The positional values: one at most, or any number for a variadic argument. */
  readonly args: readonly string[];
  readonly help: boolean;
}

export type ParseResult = { readonly ok: true; readonly parsed: ParsedArgs } | { readonly ok: false; readonly error: string };

class UsageError extends Error {}

const NEGATIVE_NUMBER = /^-\d+$/;

function findOption(spec: CommandSpec, name: string): OptionSpec | undefined {
  return spec.options.find((o) => o.names.includes(name));
}

class ArgReader {
  readonly options: Record<string, OptionValue> = {};
  readonly args: string[] = [];
  help = false;
  private i = 0;

  constructor(
    private readonly spec: CommandSpec,
    private readonly argv: readonly string[],
  ) {}

  read(): void {
    let onlyArgs = false;
    while (this.i < this.argv.length) {
      const token = this.argv[this.i++]!;
      if (onlyArgs || token === "-" || !token.startsWith("-") || NEGATIVE_NUMBER.test(token)) this.args.push(token);
      else if (token === "--") onlyArgs = true;
      else if (token === "--help") this.help = true;
      else if (token.startsWith("--")) this.readLong(token);
      else this.readShort(token);
    }
  }

  private store(option: OptionSpec, value: string | boolean): void {
    if (option.multiple) {
      const previous = (this.options[option.key] as readonly string[] | undefined) ?? [];
      this.options[option.key] = [...previous, String(value)];
    } else this.options[option.key] = value;
  }

  private takeValue(name: string): string {
    if (this.i >= this.argv.length) throw new UsageError(`Option '${name}' requires an argument.`);
    return this.argv[this.i++]!;
  }

  private readLong(token: string): void {
    const eq = token.indexOf("=");
    const name = eq === -1 ? token : token.slice(0, eq);
    const option = findOption(this.spec, name);
    if (!option) throw new UsageError(`No such option: ${name}`);
    if (option.flag) {
      if (eq !== -1) throw new UsageError(`Option '${name}' does not take a value.`);
      this.store(option, true);
    } else this.store(option, eq === -1 ? this.takeValue(name) : token.slice(eq + 1));
  }

  private readShort(token: string): void {
    for (let c = 1; c < token.length; c++) {
      const name = `-${token[c]}`;
      const option = findOption(this.spec, name);
      if (!option) throw new UsageError(`No such option: ${name}`);
      if (option.flag) {
        this.store(option, true);
        continue;
      }
      const rest = token.slice(c + 1);
      this.store(option, rest !== "" ? rest : this.takeValue(name));
      return;
    }
  }
}

function describeExtra(extra: readonly string[]): string {
  return extra.length === 1 ? `Got unexpected extra argument (${extra[0]})` : `Got unexpected extra arguments (${extra.join(" ")})`;
}

export function parseArgs(spec: CommandSpec, argv: readonly string[]): ParseResult {
  const reader = new ArgReader(spec, argv);
  try {
    reader.read();
  } catch (e) {
    if (e instanceof UsageError) return { ok: false, error: e.message };
    throw e;
  }
  if (reader.help) return { ok: true, parsed: { options: reader.options, args: [], help: true } };
  const allowed = spec.argument ? (spec.argument.variadic ? Infinity : 1) : 0;
  if (reader.args.length > allowed) return { ok: false, error: describeExtra(reader.args.slice(allowed)) };
  const args = reader.args.length === 0 && spec.argument?.default !== undefined ? [spec.argument.default] : reader.args;
  return { ok: true, parsed: { options: reader.options, args, help: false } };
}

/** The value of a string option, or its default. */
export function stringOption(parsed: ParsedArgs, key: string): string | undefined {
  const value = parsed.options[key];
  return typeof value === "string" ? value : undefined;
}

export function flagOption(parsed: ParsedArgs, key: string): boolean {
  return parsed.options[key] === true;
}
