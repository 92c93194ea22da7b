import { z } from "zod";

// Settings → Data erasure: the one input both steps (count, then erase) take.

export const customerEmailSchema = z.object({
  email: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.email("Enter the customer's e-mail address, such as mary@example.com.").max(320)),
});

export type CustomerEmailValues = z.infer<typeof customerEmailSchema>;
