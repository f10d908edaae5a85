// Text inside a Markdown table, as GitHub renders it: nothing in a cell may end the row.

/** Inline code that survives a table cell: no "|" breaks the row, no "`" ends the span. */
export function code(text: string): string {
  return "`" + text.replaceAll("|", "\\|").replaceAll("`", "'").replaceAll("\n", " ") + "`";
}

/** Plain text in a table cell: HTML's specials escaped, no "|" or newline breaks the row. */
export function cell(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
    .replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
}
