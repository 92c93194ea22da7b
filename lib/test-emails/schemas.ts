import { z } from "zod";
import { cursorParam } from "@/lib/keyset";

// The Test e-mails inbox: its URL filters and the Go live input.

const optional = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);

// A malformed value is dropped rather than refused: a hand-edited link still opens the inbox.
export const testEmailFiltersSchema = z.object({
  webhook: optional(z.string().min(1).max(100)),
  cursor: cursorParam,
  /** "newer" pages back towards the newest e-mails; the default pages to older ones. */
  dir: optional(z.enum(["older", "newer"])),
});

export type TestEmailFilters = z.infer<typeof testEmailFiltersSchema>;

export const goLiveSchema = z.object({ webhookId: z.string().min(1).max(100) });

/** Back to Test mode takes the same input as Go live. */
export const webhookModeSchema = goLiveSchema;
