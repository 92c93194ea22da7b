import { z } from "zod";
import { auditActionKeys } from "@/lib/audit/catalog";
import { cursorParam } from "@/lib/keyset";

// The audit log's filters, as they appear in the URL. A malformed value is dropped rather
// than refused: a hand-edited link still opens the log.

const optional = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);
const date = z.string().refine((v) => !Number.isNaN(Date.parse(v)));

export const auditFiltersSchema = z.object({
  action: optional(z.enum(auditActionKeys)),
  /** A member's user id. */
  actor: optional(z.string().min(1).max(100)),
  /** One object's history: a webhook, API key, delivery or member id. */
  target: optional(z.string().min(1).max(100)),
  /** Words in the target's name (e.g. a webhook's name or a member's e-mail). */
  q: optional(z.string().trim().min(1).max(200)),
  from: optional(date),
  to: optional(date),
  cursor: cursorParam,
});

export type AuditFilters = z.infer<typeof auditFiltersSchema>;
