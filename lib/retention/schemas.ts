import { z } from "zod";

// Schemas shared by the Data retention form and its server action.

export const MIN_RETENTION_DAYS = 1;
export const MAX_RETENTION_DAYS = 365;
export const DEFAULT_RETENTION_DAYS = 30;

const daysMessage = `Enter a whole number of days from ${MIN_RETENTION_DAYS} to ${MAX_RETENTION_DAYS}.`;

/** How many days delivery attempts and test e-mails are kept. */
export const retentionDaysSchema = z
  .number({ error: daysMessage })
  .int(daysMessage)
  .min(MIN_RETENTION_DAYS, daysMessage)
  .max(MAX_RETENTION_DAYS, daysMessage);

export const setRetentionSchema = z.object({ days: retentionDaysSchema });
export type SetRetentionValues = z.infer<typeof setRetentionSchema>;
