import { z } from "zod";
import { passwordSchema } from "@/lib/organizations/schemas";

// Account → Change password: the form and its server action share this schema.

export const changePasswordSchema = z
  .object({
    currentPassword: z.string().min(1, "Enter your current password.").max(1024),
    newPassword: passwordSchema,
    confirmPassword: z.string(),
  })
  .refine((v) => v.confirmPassword === v.newPassword, {
    path: ["confirmPassword"],
    message: "The two new passwords are not the same.",
  })
  .refine((v) => v.newPassword !== v.currentPassword, {
    path: ["newPassword"],
    message: "Choose a password other than the current one.",
  });

export type ChangePasswordValues = z.infer<typeof changePasswordSchema>;
