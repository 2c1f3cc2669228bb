import { notFound, redirect } from "next/navigation";
import { requireMemberActor } from "@/app/_lib/session";
import { organizationPagesFor } from "./_components/organization-pages";

/** "Organization" in the header opens the first of its pages the actor may see (an owner's settings, a site manager's sites). */
export default async function OrganizationPage() {
  const [first] = organizationPagesFor(await requireMemberActor());
  if (!first) notFound();
  redirect(first.href);
}
