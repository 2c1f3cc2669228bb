import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { CardPage } from "@/components/ui/card-page";
import { isSetupNeeded } from "@/lib/setup/complete-setup";
import { SetupForm } from "./setup-form";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Set up Gatehouse" };

/** First run (SPEC §4.1): only while the database has no organization; afterwards this page is gone (404). */
export default async function SetupPage() {
  if (!(await isSetupNeeded())) notFound();
  return (
    <CardPage
      title="Set up Gatehouse"
      intro="Create your organization and your own owner account. You can add sites, teams and people once you are signed in."
    >
      <SetupForm timeZones={Intl.supportedValuesOf("timeZone")} />
    </CardPage>
  );
}
