// A 1-based line and column (columns count UTF-16 code units, like editors do).
export type LineColumn = { line: number; column: number };

// The line and column of a character offset in `text`.
export function lineColumnAt(text: string, offset: number): LineColumn {
  const before = text.slice(0, Math.max(0, offset));
  const lastBreak = before.lastIndexOf("\n");
  let line = 1;
  for (let i = before.indexOf("\n"); i !== -1; i = before.indexOf("\n", i + 1)) line++;
  return { line, column: offset - lastBreak };
}

// The character offset of a 1-based line and column in `text` (clamped to the text).
export function offsetAt(text: string, line: number, column = 1): number {
  let offset = 0;
  for (let l = 1; l < line; l++) {
    const next = text.indexOf("\n", offset);
    if (next === -1) return text.length;
    offset = next + 1;
  }
  return Math.min(text.length, offset + Math.max(0, column - 1));
}
