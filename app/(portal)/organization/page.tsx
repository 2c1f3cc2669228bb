import { redirect } from "next/navigation";

/** "Organization" in the header opens its settings. */
export default function OrganizationPage() {
  redirect("/organization/settings");
}
