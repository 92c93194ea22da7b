import { z } from "zod";

export const createApiKeySchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, "Name the key after where it is used, e.g. “Chat platform production”.")
    .max(100),
});
export const apiKeyIdSchema = z.object({ id: z.string().min(1) });
