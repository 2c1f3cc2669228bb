import { notFound } from "next/navigation";
import { cache } from "react";
import { requireMemberActor } from "@/app/_lib/session";
import { getDb } from "@/db";
import { isUuid } from "@/lib/actor";
import { NotFoundError } from "@/lib/errors";
import { memberProfile } from "@/lib/members/member-profile";

/** The member of /users/[id], loaded once per request for the layout and its tab; 404 when not the actor's to see. */
export const loadProfile = cache(async (id: string) => {
  const actor = await requireMemberActor();
  if (!isUuid(id)) notFound();
  try {
    return { actor, ...(await memberProfile(await getDb(), actor, id)) };
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
});

/** The "Advanced" tab holds the sends, disable/enable and "Reset user completely": shown when any of them is the actor's. */
export function hasAdvancedTab(may: { disable: boolean; resetCompletely: boolean; sendWelcome: boolean; sendReset: boolean }): boolean {
  return may.disable || may.resetCompletely || may.sendWelcome || may.sendReset;
}
