import { z } from "zod";
import { cursorParam } from "@/lib/keyset";

// The delivery log's filters, as they appear in the URL. A malformed value is dropped rather
// than refused: a hand-edited link still opens the log.

const optional = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);
const date = z.string().refine((v) => !Number.isNaN(Date.parse(v)));

export const deliveryFiltersSchema = z.object({
  webhook: optional(z.string().min(1).max(100)),
  eventType: optional(z.string().min(1).max(100)),
  status: optional(z.enum(["pending", "succeeded", "failed"])),
  mode: optional(z.enum(["test", "live"])),
  from: optional(date),
  to: optional(date),
  q: optional(z.string().trim().min(1).max(320)),
  /** Keyset cursor: the last row of the previous page. */
  cursor: cursorParam,
});

export type DeliveryFilters = z.infer<typeof deliveryFiltersSchema>;

export const deliveryIdSchema = z.object({ id: z.string().min(1).max(100) });

export const recoverSchema = z.object({
  webhookId: z.string().min(1).max(100),
  since: z.iso.datetime({ offset: true, message: "Choose the date and time to recover from." }),
});
