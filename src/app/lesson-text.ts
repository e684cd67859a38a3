// A lesson's text is plain words with `code` in backticks: split here, so that the panel only
// renders the parts (no HTML is ever built from lesson text).

export interface TextPart {
  readonly code: boolean;
  readonly text: string;
}

export function textParts(text: string): TextPart[] {
  return text.split("`").flatMap((text, i) => (text === "" ? [] : [{ code: i % 2 === 1, text }]));
}
