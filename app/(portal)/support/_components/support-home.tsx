import Link from "next/link";
import { BreakableEmail } from "@/components/ui/breakable-email";
import { STACKED } from "@/components/ui/stacked-table";
import { StackedTableFrame } from "@/components/ui/stacked-table-frame";
import { getDb } from "@/db";
import type { SupportActor } from "@/lib/actor";
import { formatDirectNumber } from "@/lib/members/phone";
import { listOrganizations, parseSupportSearch, searchPlatform, SUPPORT_SEARCH_MAX, type OrganizationHit, type PersonHit } from "@/lib/support/search-platform";
import { EmailProblemBadge } from "../../users/_components/email-problem-badge";
import { MemberStatusBadge } from "../../_components/member-status-badge";
import { supportPaths } from "./support-paths";

/**
 * The support console's start (SPEC §4.14): one search box for organizations and, across every organization, people,
 * by what a customer says on the phone. With nothing typed it lists the organizations.
 */
export async function SupportHome({ actor, q }: { actor: SupportActor; q: unknown }) {
  const search = parseSupportSearch(q);
  const typed = search.kind === "empty" ? "" : search.q;
  return (
    <div className="grid gap-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Support console</h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">
          Find a customer&apos;s organization, or one of their people in any organization: part of a name, an email address, a login name, an extension or a
          phone number. You see what their office manager sees; what you send on their behalf is in their audit log with your reason.
        </p>
      </div>
      <form role="search" action="/" className="grid max-w-2xl gap-1">
        <label htmlFor="support-search" className="text-sm font-medium text-slate-800">
          Search organizations and people
        </label>
        <div className="flex gap-2">
          <input
            id="support-search"
            name="q"
            type="search"
            defaultValue={typed}
            maxLength={SUPPORT_SEARCH_MAX}
            autoComplete="off"
            placeholder="Dana Reyes, dana@acme.com, 201, (415) 555-0123"
            aria-invalid={search.kind === "refused" || undefined}
            aria-describedby={search.kind === "refused" ? "support-search-problem" : undefined}
            className="min-w-0 flex-1 rounded-md border border-slate-300 bg-white px-3 py-2 aria-[invalid=true]:border-red-600"
          />
          <button type="submit" className="rounded-md bg-blue-700 px-4 py-2 text-sm font-medium text-white hover:bg-blue-800">
            Search
          </button>
        </div>
        {search.kind === "refused" && (
          <p id="support-search-problem" className="text-sm text-red-700">
            {search.problem}
          </p>
        )}
      </form>
      {search.kind === "query" ? <SearchResults actor={actor} search={search} /> : search.kind === "empty" && <AllOrganizations actor={actor} />}
    </div>
  );
}

async function AllOrganizations({ actor }: { actor: SupportActor }) {
  const organizations = await listOrganizations(await getDb(), actor);
  if (!organizations.length) return <p className="text-slate-700">No organizations yet.</p>;
  return (
    <section aria-labelledby="organizations-heading" className="grid gap-3">
      <h2 id="organizations-heading" className="text-lg font-semibold">
        Organizations
      </h2>
      <OrganizationList organizations={organizations} />
      {organizations.length === 50 && <p className="text-sm text-slate-600">The first 50 by name. Search to find any other.</p>}
    </section>
  );
}

async function SearchResults({ actor, search }: { actor: SupportActor; search: Extract<ReturnType<typeof parseSupportSearch>, { kind: "query" }> }) {
  const { organizations, people, morePeople } = await searchPlatform(await getDb(), actor, search);
  if (!organizations.length && !people.length) {
    return (
      <div className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center">
        <p className="font-medium">No organization or person matches “{search.q}”.</p>
        <p className="mt-1 text-sm text-slate-600">Check the spelling, or search by email address, extension or phone number instead of the name.</p>
      </div>
    );
  }
  return (
    <div className="grid gap-8">
      {organizations.length > 0 && (
        <section aria-labelledby="organizations-heading" className="grid gap-3">
          <h2 id="organizations-heading" className="text-lg font-semibold">
            Organizations <span className="font-normal text-slate-600">({organizations.length})</span>
          </h2>
          <OrganizationList organizations={organizations} />
        </section>
      )}
      {people.length > 0 && (
        <section aria-labelledby="people-heading" className="grid gap-3">
          <h2 id="people-heading" className="text-lg font-semibold">
            People <span className="font-normal text-slate-600">({morePeople ? `first ${people.length}` : people.length})</span>
          </h2>
          <PeopleTable people={people} />
          {morePeople && (
            <p className="text-sm text-slate-600">
              More people match. Add a last name, or search by email address or extension; or open their organization and search its Users tab.
            </p>
          )}
        </section>
      )}
    </div>
  );
}

function OrganizationList({ organizations }: { organizations: OrganizationHit[] }) {
  return (
    <ul className="grid gap-2 sm:grid-cols-2 lg:grid-cols-3">
      {organizations.map((o) => (
        <li
          key={o.id}
          className="relative rounded-lg border border-slate-200 bg-white p-4 focus-within:ring-2 focus-within:ring-blue-600 hover:border-blue-300"
        >
          <Link href={supportPaths.organization(o.id)} className="font-medium text-blue-800 after:absolute after:inset-0 focus:outline-none">
            {o.name}
          </Link>
          <p className="mt-1 text-sm text-slate-600">
            <span className="font-mono">{o.slug}</span> · {o.members} {o.members === 1 ? "member" : "members"} · since {o.createdAt.toISOString().slice(0, 10)}
          </p>
        </li>
      ))}
    </ul>
  );
}

function PeopleTable({ people }: { people: PersonHit[] }) {
  return (
    <StackedTableFrame
      caption="People found"
      columns={[{ label: "Name" }, { label: "Organization" }, { label: "Extension" }, { label: "Email" }, { label: "Direct number" }, { label: "Status" }]}
    >
      {people.map((p) => (
        <tr key={p.id} role="row" className={`bg-white align-top ${STACKED.row}`}>
          <td role="cell" className="px-3 py-2 max-md:col-span-2 max-md:col-start-1 max-md:p-0">
            <Link href={supportPaths.member(p.id)} className="font-medium text-blue-800 hover:underline">
              {`${p.firstName} ${p.lastName}`.trim() || (p.extension ? `Extension ${p.extension}` : "Unnamed user")}
            </Link>
            {p.loginName && <div className="text-xs break-all text-slate-600">{p.loginName}</div>}
          </td>
          <td role="cell" data-label="Organization" className={`px-3 py-2 ${STACKED.detail} max-md:col-start-1 max-md:col-span-3`}>
            <Link href={supportPaths.organization(p.organizationId)} className="text-blue-800 hover:underline">
              {p.organizationName}
            </Link>
          </td>
          <td role="cell" data-label="Extension" className={`px-3 py-2 font-mono ${STACKED.detail} max-md:col-start-1 max-md:col-span-3`}>
            {p.extension ?? "—"}
          </td>
          <td role="cell" data-label="Email" className={`px-3 py-2 ${STACKED.detail} max-md:col-start-1 max-md:col-span-3`}>
            <span className="min-w-0">
              {p.email ? <BreakableEmail email={p.email} /> : "—"}
              {p.emailProblem && <EmailProblemBadge problem={p.emailProblem} />}
            </span>
          </td>
          <td role="cell" data-label="Direct number" className={`px-3 py-2 whitespace-nowrap ${STACKED.detail} max-md:col-start-1 max-md:col-span-3`}>
            {formatDirectNumber(p.directNumber) || "—"}
          </td>
          <td role="cell" className="px-3 py-2 max-md:col-start-3 max-md:row-start-1 max-md:p-0">
            <MemberStatusBadge status={p.status} />
          </td>
        </tr>
      ))}
    </StackedTableFrame>
  );
}
