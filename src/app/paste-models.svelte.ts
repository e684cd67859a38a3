// "Paste models.py…": the pasted Python, its conversion to models.ts (recomputed after a pause in
// typing) and the two ways to use it. The converter (and @lezer/python) is loaded with the
// dialog, never with the page: vite.config.ts gives it a chunk of its own.

import { convertModelsPy, type ConvertedModels } from "../engine/index";
import { debounce } from "./debounce";
import { MODELS_FILE, TYPING_PAUSE_MS } from "./playground.svelte";

export interface PasteTarget {
  replaceFile(path: string, text: string): void;
}

export interface NewPlaygrounds {
  readonly currentId: string | null;
  create(): Promise<void>;
  rename(id: string, title: string): Promise<void>;
}

export const PASTED_TITLE = "Pasted models.py";

export class PasteModels {
  python = $state("");
  converted = $state.raw<ConvertedModels | null>(null);
  #convertSoon;

  constructor(convert: (python: string) => ConvertedModels = convertModelsPy, waitMs = TYPING_PAUSE_MS) {
    this.#convertSoon = debounce((python: string) => {
      this.converted = python.trim() === "" ? null : convert(python);
    }, waitMs);
  }

  edit(python: string): void {
    this.python = python;
    this.#convertSoon(python);
  }

  /** The conversion of what is pasted now (not of what was pasted before the last pause). */
  async current(): Promise<ConvertedModels | null> {
    await this.#convertSoon.flush();
    return this.converted;
  }

  /** Replaces the open playground's models.ts, as an edit that Ctrl+Z undoes. */
  async replaceModels(playground: PasteTarget): Promise<boolean> {
    const converted = await this.current();
    if (!converted) return false;
    playground.replaceFile(MODELS_FILE, converted.text);
    return true;
  }

  /** A new playground (`flask db init` done, an empty database) whose models.ts is the conversion. */
  async openAsNew(library: NewPlaygrounds, playground: PasteTarget): Promise<boolean> {
    const converted = await this.current();
    if (!converted) return false;
    await library.create();
    if (library.currentId !== null) await library.rename(library.currentId, PASTED_TITLE);
    playground.replaceFile(MODELS_FILE, converted.text);
    return true;
  }
}
