import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { getDb } from "@/db";
import { eq } from "drizzle-orm";
import { member } from "@/db/schema";
import { loadActor, organizationOf, type Actor, type MemberActor, type SessionClaims, type SupportActor } from "@/lib/actor";
import { memberLanguage } from "@/lib/i18n/language";
import { currentSessionClaims } from "./start-session";

const sessionClaims = (): Promise<SessionClaims | null> => currentSessionClaims();

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

/** The signed-in member's organization, loaded once per request for the shell and the page. */
export const currentOrganization = cache(async () => {
  const actor = await currentActor();
  return actor?.kind === "member" ? organizationOf(await getDb(), actor) : null;
});

/** The signed-in organization member; support staff and everyone else get the page's 404. */
export async function requireMemberActor(): Promise<MemberActor> {
  const actor = await requireActor();
  if (actor.kind !== "member") notFound();
  return actor;
}

/** Signed-in support staff (the support console's pages); organization members and everyone else get the page's 404. */
export async function requireSupportActor(): Promise<SupportActor> {
  const actor = await requireActor();
  if (actor.kind !== "support") notFound();
  return actor;
}

/**
 * The language the signed-in person reads (SPEC §4.9): a member's own, else their organization's; English for
 * support staff. The portal's frame and the member's own pages speak it.
 */
export const currentLanguage = cache(async (): Promise<string> => {
  const actor = await currentActor();
  if (actor?.kind !== "member") return "en";
  const [own] = await (await getDb()).select({ language: member.language }).from(member).where(eq(member.id, actor.memberId)).limit(1);
  return memberLanguage({ language: own?.language ?? null }, await currentOrganization());
});
