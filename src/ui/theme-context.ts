// The page's theme setting, handed from the app shell to the components that draw with it (the
// header's switch, Monaco, the diagram) without threading it through every panel's props.
import { getContext, setContext } from "svelte";
import type { ResolvedTheme, ThemeSetting } from "../app/theme.svelte";

const THEME = Symbol("theme");

export const provideTheme = (theme: ThemeSetting): ThemeSetting => setContext(THEME, theme);

export const useTheme = (): ThemeSetting | undefined => getContext<ThemeSetting | undefined>(THEME);

/** What a component shows when no setting was provided (a component mounted on its own). */
export const resolvedTheme = (theme: ThemeSetting | undefined): ResolvedTheme => theme?.resolved ?? "light";
