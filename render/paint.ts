// The one place tfsync writes ANSI escapes: every report and preview paints through here.

const CODES = { bold: 1, dim: 2, red: 31, green: 32, yellow: 33, cyan: 36 } as const;
export type Style = keyof typeof CODES;

/** `text` in `style` when `on`, else `text` as it is. */
export function paint(on: boolean, style: Style, text: string): string {
  return on ? `\x1b[${CODES[style]}m${text}\x1b[0m` : text;
}

/** The styles bound to one decision about colour. */
export type Paint = Record<Style, (text: string) => string>;

export function painter(color: boolean): Paint {
  const bind = (style: Style) => (text: string) => paint(color, style, text);
  return {
    bold: bind("bold"),
    dim: bind("dim"),
    red: bind("red"),
    green: bind("green"),
    yellow: bind("yellow"),
    cyan: bind("cyan"),
  };
}
