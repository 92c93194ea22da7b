import { LoaderCircle } from "lucide-react";
import type { ComponentProps } from "react";

import { cn } from "@/lib/utils";

const sizes = { sm: "size-3.5", default: "size-4", lg: "size-6" } as const;

type SpinnerProps = Omit<ComponentProps<"svg">, "children"> & {
  size?: keyof typeof sizes;
  /** When set, the spinner is announced as a status with this text; otherwise it is decorative. */
  label?: string;
};

// A small rotating loader for buttons, inline loading text and pending panels.
export function Spinner({ size = "default", label, className, ...props }: SpinnerProps) {
  const icon = (
    <LoaderCircle
      aria-hidden="true"
      className={cn(
        "shrink-0 animate-spin motion-reduce:animate-[spin_1.5s_linear_infinite]",
        sizes[size],
        className,
      )}
      {...props}
    />
  );
  if (!label) return icon;
  return (
    <span role="status" className="inline-flex items-center">
      {icon}
      <span className="sr-only">{label}</span>
    </span>
  );
}
