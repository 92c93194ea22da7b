import type { FieldValues, Path, UseFormReturn } from "react-hook-form";

type ActionResult = {
  serverError?: string;
  validationErrors?: { formErrors: string[]; fieldErrors: Record<string, string[] | undefined> };
};

/**
 * Puts a server action's errors on the form: field errors on their fields, the rest on
 * `root` (shown above the submit button). Returns true when there was none.
 */
export function applyActionResult<T extends FieldValues>(
  form: UseFormReturn<T>,
  result: ActionResult | undefined,
): boolean {
  if (!result) {
    form.setError("root", {
      message: "The server did not answer. Check your connection and try again.",
    });
    return false;
  }
  if (result.serverError) {
    form.setError("root", { message: result.serverError });
    return false;
  }
  const v = result.validationErrors;
  if (v) {
    for (const [field, messages] of Object.entries(v.fieldErrors)) {
      if (messages?.[0]) form.setError(field as Path<T>, { message: messages[0] });
    }
    if (v.formErrors[0]) form.setError("root", { message: v.formErrors[0] });
    return false;
  }
  return true;
}
