// The page's colour theme: Light, Dark, or System (the operating system's choice, followed as it
// changes). A small setting of this browser, not of a playground, so it lives in localStorage.
// The resolved theme goes onto <html data-theme>, where theme.css picks its colours; Monaco and
// the diagram read `resolved`. Browser globals come in as parameters (STYLE.md).

export type ThemeChoice = "light" | "dark" | "system";
export type ResolvedTheme = "light" | "dark";

export const THEME_CHOICES: readonly { readonly value: ThemeChoice; readonly label: string }[] = [
  { value: "light", label: "Light" },
  { value: "dark", label: "Dark" },
  { value: "system", label: "System" },
];

/** localStorage key; index.html reads it too, before the first paint. */
export const THEME_KEY = "retort-theme";

export interface ThemeDeps {
  /** localStorage; null where the browser refuses it (the choice then lasts for the page). */
  readonly storage: Pick<Storage, "getItem" | "setItem"> | null;
  /** matchMedia("(prefers-color-scheme: dark)"). */
  readonly systemDark: { readonly matches: boolean; addEventListener(type: "change", listener: (e: { matches: boolean }) => void): void } | null;
  /** Shows the resolved theme (sets <html data-theme>). */
  readonly apply: (theme: ResolvedTheme) => void;
}

const isChoice = (value: unknown): value is ThemeChoice => value === "light" || value === "dark" || value === "system";

function readChoice(storage: ThemeDeps["storage"]): ThemeChoice {
  try {
    const saved = storage?.getItem(THEME_KEY);
    return isChoice(saved) ? saved : "system";
  } catch {
    return "system";
  }
}

export class ThemeSetting {
  choice = $state<ThemeChoice>("system");
  #systemDark = $state(false);
  #deps: ThemeDeps;

  constructor(deps: ThemeDeps) {
    this.#deps = deps;
    this.choice = readChoice(deps.storage);
    this.#systemDark = deps.systemDark?.matches ?? false;
    deps.systemDark?.addEventListener("change", (e) => {
      this.#systemDark = e.matches;
      this.#apply();
    });
    this.#apply();
  }

  get resolved(): ResolvedTheme {
    if (this.choice !== "system") return this.choice;
    return this.#systemDark ? "dark" : "light";
  }

  choose(choice: ThemeChoice): void {
    this.choice = choice;
    try {
      this.#deps.storage?.setItem(THEME_KEY, choice);
    } catch {
      // storage refused (private mode, quota): the choice still holds until the page closes
    }
    this.#apply();
  }

  #apply(): void {
    this.#deps.apply(this.resolved);
  }
}

/** The setting as the page builds it, from the browser's globals. */
export function browserTheme(): ThemeSetting {
  let storage: Storage | null = null;
  try {
    storage = globalThis.localStorage ?? null;
  } catch {
    storage = null;
  }
  const systemDark = typeof matchMedia === "function" ? matchMedia("(prefers-color-scheme: dark)") : null;
  const root = globalThis.document?.documentElement;
  return new ThemeSetting({ storage, systemDark, apply: (theme) => root && (root.dataset.theme = theme) });
}
