import { notFound } from "next/navigation";
import { cache } from "react";
import { requireSupportActor } from "@/app/_lib/session";
import { getDb } from "@/db";
import { NotFoundError } from "@/lib/errors";
import { supportViewerFor } from "@/lib/support/organization-summary";

/** The organization of a support console page, loaded once per request for its layout and tab; 404 when none. */
export const loadSupportOrganization = cache(async (id: string) => {
  const actor = await requireSupportActor();
  try {
    return await supportViewerFor(await getDb(), actor, id);
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
});
