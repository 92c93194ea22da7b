import { z } from "zod";

// Keyset pagination: a page starts after the (createdAt, id) of the previous page's last row,
// written in the URL as `<ISO time>_<id>`. Shared by the delivery log and the test e-mail inbox.

export type KeysetCursor = { createdAt: Date; id: string };

const CURSOR = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z)_([\w-]{1,100})$/;

/** `<ISO time>_<id>`, as it appears in `?cursor=`. */
export function encodeCursor({ createdAt, id }: KeysetCursor): string {
  return `${createdAt.toISOString()}_${id}`;
}

/** The cursor in `?cursor=`, or null when it is malformed. */
export function decodeCursor(value: string): KeysetCursor | null {
  const match = CURSOR.exec(value);
  if (!match) return null;
  const createdAt = new Date(match[1]!);
  return Number.isNaN(createdAt.getTime()) ? null : { createdAt, id: match[2]! };
}

/** `?cursor=` in a filters schema: a malformed value is dropped, so the link still opens. */
export const cursorParam = z.string().regex(CURSOR).optional().catch(undefined);

/** Rows strictly beyond the cursor: older ("lt", newest-first pages) or newer ("gt"). */
export function beyondCursor(c: KeysetCursor, beyond: "lt" | "gt" = "lt") {
  return {
    OR: [
      { createdAt: { [beyond]: c.createdAt } },
      { createdAt: c.createdAt, id: { [beyond]: c.id } },
    ],
  };
}
