import type { ReactNode } from "react";

import { Label } from "@/components/ui/label";
import { cn } from "@/lib/utils";

type FieldIdOptions = { description?: boolean; error?: boolean };

// Ids a FormField renders for its description and error, and the matching aria-describedby
// value for the control (only ids of parts that are actually shown).
export function formFieldIds(
  id: string,
  { description = false, error = false }: FieldIdOptions = {},
) {
  const descriptionId = `${id}-description`;
  const errorId = `${id}-error`;
  const describedBy =
    [description && descriptionId, error && errorId].filter(Boolean).join(" ") || undefined;
  return { descriptionId, errorId, describedBy };
}

// Props a FormField hands to a render-function child, ready to spread on the control.
export type FormFieldControlProps = {
  id: string;
  "aria-describedby": string | undefined;
  "aria-invalid": true | undefined;
  required: boolean | undefined;
};

type FormFieldProps = {
  label: ReactNode;
  /** The control's id; the label points at it and the description/error ids derive from it. */
  htmlFor: string;
  description?: ReactNode;
  /** Validation message; shown below the control with role="alert". */
  error?: ReactNode;
  /** Marks the label with an asterisk; also passed to a render-function child. */
  required?: boolean;
  /** Extra content on the label row's right side (e.g. a "Generate" link or a counter). */
  labelAside?: ReactNode;
  className?: string;
  /**
   * The control. Either an element you wire yourself (use formFieldIds for aria-describedby),
   * or a function receiving `{ id, aria-describedby, aria-invalid, required }` to spread on it.
   */
  children: ReactNode | ((control: FormFieldControlProps) => ReactNode);
};

// Label, control, description and error laid out as one form row.
export function FormField({
  label,
  htmlFor,
  description,
  error,
  required,
  labelAside,
  className,
  children,
}: FormFieldProps) {
  const hasError = error != null && error !== false && error !== "";
  const { descriptionId, errorId, describedBy } = formFieldIds(htmlFor, {
    description: Boolean(description),
    error: hasError,
  });
  const control =
    typeof children === "function"
      ? children({
          id: htmlFor,
          "aria-describedby": describedBy,
          "aria-invalid": hasError || undefined,
          required: required || undefined,
        })
      : children;

  return (
    <div
      data-slot="form-field"
      data-invalid={hasError || undefined}
      className={cn("grid content-start gap-2", className)}
    >
      <div className="flex min-h-4 items-center justify-between gap-3">
        <Label htmlFor={htmlFor}>
          {label}
          {required && (
            <span aria-hidden="true" className="text-destructive">
              *
            </span>
          )}
        </Label>
        {labelAside && <div className="text-muted-foreground text-xs">{labelAside}</div>}
      </div>
      {control}
      {description && (
        <p id={descriptionId} className="text-muted-foreground -mt-0.5 text-[13px] leading-5">
          {description}
        </p>
      )}
      {hasError && (
        <p
          id={errorId}
          role="alert"
          className="text-destructive -mt-0.5 text-[13px] leading-5 font-medium"
        >
          {error}
        </p>
      )}
    </div>
  );
}
