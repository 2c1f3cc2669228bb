import { notFound, redirect } from "next/navigation";
import { getConfig } from "@/lib/config";
import { canReadMailbox } from "@/lib/permissions";
import { currentActor } from "./session";

/**
 * Whether this request may see the development mailbox, its pages and its JSON alike (SPEC §5, §8): "absent" unless
 * the transport is outbox, then lib/permissions decides; "sign-in" when it needs a session and there is none.
 */
export type MailboxAccess = "allowed" | "absent" | "sign-in" | "forbidden";

export async function mailboxAccess(): Promise<MailboxAccess> {
  const config = getConfig();
  if (config.mailTransport !== "outbox") return "absent";
  // Outside production the mailbox is open to all: no need to read a session there.
  const actor = config.production ? await currentActor() : null;
  if (canReadMailbox(actor, config)) return "allowed";
  return actor ? "forbidden" : "sign-in";
}

/** For a mailbox page: sign-in and back to `path` when nobody is signed in, the page's 404 for anyone else refused. */
export async function requireMailboxReader(path: string): Promise<void> {
  const access = await mailboxAccess();
  if (access === "sign-in") redirect(`/sign-in?callbackUrl=${encodeURIComponent(path)}`);
  if (access !== "allowed") notFound();
}
