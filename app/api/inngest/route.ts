import { serve } from "inngest/next";
import { deliveryEngine } from "@/lib/env";
import { inngest } from "@/lib/inngest/client";
import { functions } from "@/lib/inngest/functions";

export const dynamic = "force-dynamic";

const handlers = serve({ client: inngest, functions });

type Handler = (request: Request, context: unknown) => Promise<Response>;

// The Inngest serve endpoint; 404 while the embedded worker is the engine.
function whenInngest(handler: Handler): Handler {
  return (request, context) =>
    deliveryEngine() === "inngest"
      ? handler(request, context)
      : Promise.resolve(
          Response.json(
            { error: "Inngest is not configured: deliveries run on the embedded worker." },
            { status: 404 },
          ),
        );
}

export const GET = whenInngest(handlers.GET as Handler);
export const POST = whenInngest(handlers.POST as Handler);
export const PUT = whenInngest(handlers.PUT as Handler);
