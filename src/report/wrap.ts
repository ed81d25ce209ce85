/** Plain-text layout for the human reports: word wrapping and padded columns, sized to a terminal width. */

/** The width the reports are laid out for when the output is not a terminal. */
export const DEFAULT_WIDTH = 100;

/** Display width of a string: its code points (every character the reports print is one column wide). */
export function textWidth(s: string): number {
  return [...s].length;
}

export function padEnd(s: string, width: number): string {
  return s + " ".repeat(Math.max(0, width - textWidth(s)));
}

/** A no-break space: `wrap` does not break a line there. */
export const NBSP = "\u00a0";

/** `s` kept on one line by `wrap` (its spaces made no-break). */
export function unbroken(s: string): string {
  return s.replaceAll(" ", NBSP);
}

/**
 * Wraps `text` at `width` columns: the first line starts with `first`, the others with `rest`
 * (a hanging indent). Breaks at spaces only; a single token longer than the room is left whole.
 * A no-break space (NBSP) keeps the words on either side together and is printed as a space.
 */
export function wrap(text: string, width: number, first = "", rest = first): string[] {
  const lines: string[] = [];
  let line = first;
  let empty = true;
  for (const word of text.split(" ").filter((w) => w !== "")) {
    if (!empty && textWidth(line) + 1 + textWidth(word) > width) {
      lines.push(line);
      line = rest + word;
    } else {
      line += (empty ? "" : " ") + word;
    }
    empty = false;
  }
  lines.push(line);
  return lines.map((l) => l.replaceAll(NBSP, " "));
}
