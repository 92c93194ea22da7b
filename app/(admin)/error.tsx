"use client";

import { TriangleAlert } from "lucide-react";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";

// An unexpected error on an admin page: a plain explanation and a retry, never a stack trace.
export default function AdminError({
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return (
    <EmptyState
      icon={TriangleAlert}
      headingLevel="h1"
      title="This page could not be loaded"
      description="Something went wrong on our side. Try again; if it keeps happening, tell your administrator."
      action={<Button onClick={reset}>Try again</Button>}
    />
  );
}
