import { notFound } from "next/navigation";
import { NotFoundError } from "@/lib/errors";

// Kept apart from lib/errors: next/navigation loads only inside Next, and scripts (seed, bench)
// import the services that use lib/errors.

/** For pages: the promised value, or Next's not-found page when it is a NotFoundError. */
export function orNotFound<T>(promise: Promise<T>): Promise<T> {
  return promise.catch((e: unknown) => {
    if (e instanceof NotFoundError) notFound();
    throw e;
  });
}
