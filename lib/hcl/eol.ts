// Line endings of copied text. A heredoc's line endings are part of its value (terraform reads
// the lines of a heredoc in a CRLF file with "\r\n"), so copying one into a file with other line
// endings keeps its own from its header to its closing marker; every other newline is only
// whitespace and takes the file's.

const HEADER = /<<-?([A-Za-z_][\w-]*)\r?\n/g;

/** The text with its newlines made `eol`, heredocs kept as they are. */
export function withEol(text: string, eol: string): string {
  let out = "";
  let at = 0;
  for (const m of text.matchAll(HEADER)) {
    if (m.index < at) continue;
    out += text.slice(at, m.index).replace(/\r?\n/g, eol);
    const close = new RegExp(`\\n[ \\t]*${m[1]}(?=\\r?\\n|$)`, "g");
    close.lastIndex = m.index + m[0].length - 1;
    const c = close.exec(text);
    at = c ? c.index + c[0].length : text.length;
    out += text.slice(m.index, at);
  }
  return out + text.slice(at).replace(/\r?\n/g, eol);
}
