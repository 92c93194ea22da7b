import { ChevronDown } from "lucide-react";
import type { ComponentProps } from "react";

import { controlClasses } from "@/components/ui/input";
import { cn } from "@/lib/utils";

type NativeSelectProps = ComponentProps<"select"> & {
  /** Classes for the wrapping element (width, margins); `className` styles the <select> itself. */
  wrapperClassName?: string;
};

// A styled native <select>: real labels, native keyboard and mobile pickers, and Playwright's
// selectOption all work. Pass <option>/<optgroup> children (or NativeSelectOption).
export function NativeSelect({
  className,
  wrapperClassName,
  multiple,
  ...props
}: NativeSelectProps) {
  return (
    <div data-slot="native-select" className={cn("relative h-fit w-full", wrapperClassName)}>
      <select
        multiple={multiple}
        className={cn(
          controlClasses,
          "cursor-pointer appearance-none",
          multiple ? "py-1.5" : "h-9 truncate py-1 pr-9",
          "[&_option]:bg-popover [&_option]:text-popover-foreground",
          className,
        )}
        {...props}
      />
      {!multiple && (
        <ChevronDown
          aria-hidden="true"
          className="text-muted-foreground pointer-events-none absolute top-1/2 right-3 size-4 -translate-y-1/2"
        />
      )}
    </div>
  );
}

// An <option>; exists so call sites read consistently alongside NativeSelect.
export function NativeSelectOption(props: ComponentProps<"option">) {
  return <option {...props} />;
}
