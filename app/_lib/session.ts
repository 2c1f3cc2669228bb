import { redirect } from "next/navigation";
import { cache } from "react";
import { getDb } from "@/db";
import { loadActor, type Actor, type MemberActor, type SessionClaims, type SupportActor } from "@/lib/actor";
import { auth } from "./auth";

async function sessionClaims(): Promise<SessionClaims | null> {
  const session = await auth();
  return (session as { claims?: SessionClaims } | null)?.claims ?? null;
}

/**
 * The signed-in actor, reloaded from the database once per request. Null when nobody is signed in or the session
 * was ended (password change, reset, disabled account, "Reset user completely").
 */
export const currentActor = cache(async (): Promise<Actor | null> => {
  const claims = await sessionClaims();
  return claims ? loadActor(await getDb(), claims) : null;
});

/** The actor, or a redirect to sign-in that says why when a session existed but was ended. */
export async function requireActor(): Promise<Actor> {
  const actor = await currentActor();
  if (actor) return actor;
  redirect((await sessionClaims()) ? "/sign-in?reason=session-ended" : "/sign-in");
}

export async function requireMemberActor(): Promise<MemberActor> {
  const actor = await requireActor();
  if (actor.kind !== "member") redirect("/");
  return actor;
}

export async function requireSupportActor(): Promise<SupportActor> {
  const actor = await requireActor();
  if (actor.kind !== "support") redirect("/");
  return actor;
}
