import "server-only";
import { cache } from "react";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { getServerSession } from "next-auth";
import type { Role } from "@/generated/prisma/enums";
import { authOptions } from "@/lib/auth/options";
import { isSessionValid } from "@/lib/auth/session-policy";
import { db } from "@/lib/db/client";

export const ORG_COOKIE = "wh-org";

/** Who is asking, and for which organization: every service call takes one. */
export type Actor = {
  userId: string;
  email: string;
  name: string;
  organizationId: string;
  organizationName: string;
  role: Role;
};

export type Viewer = {
  user: { id: string; email: string; name: string };
  memberships: { organizationId: string; organizationName: string; role: Role }[];
  actor: Actor | null;
};

/**
 * The signed-in user, their organizations, and the current one (from the org cookie,
 * re-checked against the memberships on every request). Null without a valid session.
 */
export const getViewer = cache(async (): Promise<Viewer | null> => {
  const session = await getServerSession(authOptions);
  if (!session?.uid) return null;
  const user = await db.user.findUnique({
    where: { id: session.uid },
    select: {
      id: true,
      email: true,
      name: true,
      sessionVersion: true,
      memberships: {
        select: { role: true, organization: { select: { id: true, name: true } } },
        orderBy: { createdAt: "asc" },
      },
    },
  });
  // A bumped sessionVersion (password changed) or an old sign-in ends the session.
  if (!user || !isSessionValid(session, user.sessionVersion)) return null;
  const memberships = user.memberships.map((m) => ({
    organizationId: m.organization.id,
    organizationName: m.organization.name,
    role: m.role,
  }));
  const wanted = (await cookies()).get(ORG_COOKIE)?.value;
  const current = memberships.find((m) => m.organizationId === wanted) ?? memberships[0];
  const actor = current
    ? { userId: user.id, email: user.email, name: user.name, ...current }
    : null;
  return { user: { id: user.id, email: user.email, name: user.name }, memberships, actor };
});

/** The current actor, or a redirect to sign-in: for pages. */
export async function requireActor(): Promise<Actor> {
  const viewer = await getViewer();
  if (!viewer) redirect("/signin");
  if (!viewer.actor) redirect("/no-organization");
  return viewer.actor;
}
