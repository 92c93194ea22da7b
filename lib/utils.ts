import { clsx, type ClassValue } from "clsx";
import { twMerge } from "tailwind-merge";

// Joins class names and lets later Tailwind classes win over earlier conflicting ones
// (`cn("px-4", "px-2")` → "px-2"), so callers can override a component's defaults.
export function cn(...inputs: ClassValue[]) {
  return twMerge(clsx(inputs));
}
