import Link from "next/link";
import type { Metadata } from "next";
import { currentOrganization, requireActor } from "@/app/_lib/session";
import type { MemberActor } from "@/lib/actor";
import { ROLE_LABELS, STATUS_FILTERS, type StatusFilter } from "@/lib/members/labels";
import { accountSummary, organizationOverview } from "@/lib/organizations/overview";
import { canInOrganization } from "@/lib/permissions";
import { getDb } from "@/db";
import { ownAccount } from "@/lib/account/own-account";
import { AccountStart } from "./_components/account-start";
import { SupportHome } from "./support/_components/support-home";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await requireActor()).kind === "support" ? "Support console" : "Home" };
}

export default async function HomePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActor();
  if (actor.kind === "support") return <SupportHome actor={actor} q={(await searchParams).q} />;
  return <MemberHome actor={actor} />;
}

async function MemberHome({ actor }: { actor: MemberActor }) {
  const manages = canInOrganization(actor, "organization.listMembers", actor.organizationId);
  if (!manages) {
    // A member's home is where they start from: their login name, where it works, My Account (SPEC §4.9).
    const { t, member } = await ownAccount(await getDb(), actor);
    return <AccountStart t={t} title={t.allSet.welcome(member.firstName)} loginName={member.loginName} hasPin={member.voicemailPinHash !== null} />;
  }
  const [overview, account, organization] = await Promise.all([organizationOverview({ actor }), accountSummary({ actor }), currentOrganization()]);
  return (
    <div className="grid gap-8">
      <h1 className="text-2xl font-semibold tracking-tight">Welcome, {account?.firstName ?? actor.name}</h1>
      {overview && (
        <section aria-labelledby="people-heading" className="grid gap-3">
          <h2 id="people-heading" className="text-lg font-semibold">
            {actor.role === "supervisor" ? "Your agents" : actor.role === "site_manager" ? "People on your sites" : `People at ${organization?.name}`}
          </h2>
          <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
            {Object.entries(overview.membersByStatus).map(([status, n]) => {
              // Each count opens the Users tab filtered by it: the Pending count is where welcome emails are sent from.
              const filter = (Object.keys(STATUS_FILTERS) as StatusFilter[]).find((key) => STATUS_FILTERS[key] === status);
              return (
                <div key={status} className="relative rounded-lg border border-slate-200 bg-white p-4 focus-within:ring-2 focus-within:ring-blue-600 hover:border-blue-300">
                  <dt className="text-sm text-slate-600">
                    <Link href={filter ? `/users?status=${filter}` : "/users"} className="after:absolute after:inset-0 focus:outline-none">
                      {status}
                    </Link>
                  </dt>
                  <dd className="mt-1 text-2xl font-semibold">{n}</dd>
                </div>
              );
            })}
          </dl>
          <p className="text-sm text-slate-600">
            {overview.sites} {overview.sites === 1 ? "site" : "sites"} and {overview.teams} {overview.teams === 1 ? "team" : "teams"} in the organization.
          </p>
        </section>
      )}
      {account && (
        <section aria-labelledby="account-heading" className="grid gap-3">
          <h2 id="account-heading" className="text-lg font-semibold">
            Your account
          </h2>
          <dl className="grid max-w-2xl grid-cols-[max-content_1fr] gap-x-6 gap-y-2 rounded-lg border border-slate-200 bg-white p-4 text-sm">
            <Row label="Name" value={`${account.firstName} ${account.lastName}`} />
            <Row label="Login name" value={account.loginName} />
            <Row label="Email" value={account.email} />
            <Row label="Role" value={ROLE_LABELS[account.role]} />
            <Row label="Extension" value={account.extension} />
            <Row label="Site" value={account.siteName} />
            <Row label="Department" value={account.department} />
            <Row label="Team" value={account.teamName ?? "No Team"} />
          </dl>
        </section>
      )}
    </div>
  );
}

function Row({ label, value }: { label: string; value: string | null | undefined }) {
  return (
    <>
      <dt className="text-slate-600">{label}</dt>
      <dd className="text-slate-900">{value || "—"}</dd>
    </>
  );
}
