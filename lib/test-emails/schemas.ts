import { z } from "zod";

// The Test e-mails inbox: its URL filters, its keyset cursor, and the Go live input.

const optional = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);

/** A page boundary: the (createdAt, id) of the row it starts after. */
export type TestEmailCursor = { createdAt: Date; id: string };

const CURSOR = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z)_([\w-]{1,100})$/;

/** `<ISO time>_<id>`, as it appears in `?cursor=`. */
export function encodeCursor({ createdAt, id }: TestEmailCursor): string {
  return `${createdAt.toISOString()}_${id}`;
}

/** The cursor in `?cursor=`, or null when it is malformed. */
export function decodeCursor(value: string): TestEmailCursor | null {
  const match = CURSOR.exec(value);
  if (!match) return null;
  const createdAt = new Date(match[1]!);
  return Number.isNaN(createdAt.getTime()) ? null : { createdAt, id: match[2]! };
}

// A malformed value is dropped rather than refused: a hand-edited link still opens the inbox.
export const testEmailFiltersSchema = z.object({
  webhook: optional(z.string().min(1).max(100)),
  cursor: optional(z.string().regex(CURSOR)),
  /** "newer" pages back towards the newest e-mails; the default pages to older ones. */
  dir: optional(z.enum(["older", "newer"])),
});

export type TestEmailFilters = z.infer<typeof testEmailFiltersSchema>;

export const goLiveSchema = z.object({ webhookId: z.string().min(1).max(100) });
