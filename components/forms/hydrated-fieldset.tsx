"use client";

import { useSyncExternalStore, type ComponentProps } from "react";

const subscribe = () => () => {};

/**
 * A fieldset disabled until React has hydrated the page: a form typed into or submitted
 * before that would lose the input, or submit natively (a GET with the fields in the URL).
 */
export function HydratedFieldset({ disabled, ...props }: ComponentProps<"fieldset">) {
  // false while rendering on the server and hydrating, true after
  const hydrated = useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
  return <fieldset disabled={disabled || !hydrated} {...props} />;
}
