import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { currentOrganization, requireMemberActor } from "@/app/_lib/session";
import { CopyButton } from "@/components/ui/copy-button";
import { STACKED } from "@/components/ui/stacked-table";
import { StackedTableFrame } from "@/components/ui/stacked-table-frame";
import { getConfig } from "@/lib/config";
import { formatCount, formatDateTime } from "@/lib/members/format";
import { canInOrganization } from "@/lib/permissions";
import { directorySyncPage, REQUESTS_SHOWN, type DirectorySyncPage } from "@/lib/scim/directory-sync";
import { MakeToken, RevokeToken } from "./_components/token-controls";
import { WelcomeSetting } from "./_components/welcome-setting";

export const metadata: Metadata = { title: "Directory sync" };

/**
 * Organization → Directory sync (SPEC §4.16), the owner's: where a directory connects, its tokens, the people it
 * manages, whether they are welcomed at once, and the directory's last requests with what each was told.
 */
export default async function DirectorySyncPage() {
  const actor = await requireMemberActor();
  if (!canInOrganization(actor, "organization.manageSettings", actor.organizationId)) notFound();
  const [page, organization] = await Promise.all([directorySyncPage({ actor }), currentOrganization()]);
  const timeZone = organization?.defaultTimeZone ?? "UTC";
  const scimUrl = `${getConfig().appUrl}/scim/v2`;
  const managedTotal = Object.values(page.managed).reduce((sum, n) => sum + n, 0);
  return (
    <div className="grid max-w-5xl gap-8">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Directory sync</h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">
          Let Microsoft Entra ID, Okta or Google Workspace add, update and disable your people here by themselves (SCIM 2.0), instead of importing a file each
          time someone joins or leaves. People a directory adds arrive Pending; it only ever changes people whose role is Member.
        </p>
      </div>

      <section aria-labelledby="connect-heading" className="grid gap-3">
        <h2 id="connect-heading" className="text-lg font-semibold">
          Connect your directory
        </h2>
        <dl className="grid gap-3 rounded-lg border border-slate-200 bg-white p-4 text-sm sm:grid-cols-[max-content_minmax(0,1fr)] sm:gap-x-6">
          <dt className="font-medium text-slate-700">SCIM URL</dt>
          <dd className="flex min-w-0 flex-wrap items-center gap-2">
            <code className="rounded bg-slate-100 px-2 py-1 [overflow-wrap:anywhere]">{scimUrl}</code>
            <CopyButton text={scimUrl} what="The SCIM URL" />
          </dd>
          <dt className="font-medium text-slate-700">Secret token</dt>
          <dd>A token you make below, sent as a bearer token.</dd>
        </dl>
        <ul className="grid gap-1 text-sm text-slate-700">
          <li>
            <span className="font-medium">Microsoft Entra ID:</span> Enterprise applications → your app → Provisioning → Automatic: the SCIM URL is the Tenant
            URL, the token the Secret Token.
          </li>
          <li>
            <span className="font-medium">Okta:</span> your app → Provisioning → Integration: the SCIM URL is the SCIM connector base URL, with the unique
            identifier userName and the HTTP Header authentication mode.
          </li>
          <li>
            <span className="font-medium">Google Workspace:</span> your SAML app → Auto-provisioning: the SCIM URL is the endpoint URL, the token the access
            token.
          </li>
        </ul>
      </section>

      <section aria-labelledby="tokens-heading" className="grid gap-3">
        <h2 id="tokens-heading" className="text-lg font-semibold">
          Tokens
        </h2>
        <MakeToken />
        {page.tokens.length === 0 ? (
          <p className="text-sm text-slate-700">No tokens yet. Make one for each directory that should sync.</p>
        ) : (
          <TokensTable tokens={page.tokens} timeZone={timeZone} />
        )}
      </section>

      <section aria-labelledby="managed-heading" className="grid gap-3">
        <h2 id="managed-heading" className="text-lg font-semibold">
          People managed by directory sync
        </h2>
        <p className="text-sm text-slate-700">
          {managedTotal === 0
            ? "None yet."
            : `${formatCount(managedTotal)} in all: ${(["Pending", "Active", "Disabled"] as const).map((s) => `${formatCount(page.managed[s])} ${s}`).join(" · ")}. Their name, email, direct number and department come from the directory and can't be edited here.`}
        </p>
      </section>

      <section aria-labelledby="welcome-heading" className="grid gap-3">
        <h2 id="welcome-heading" className="text-lg font-semibold">
          Welcome email
        </h2>
        <WelcomeSetting on={page.welcomeOnProvision} />
      </section>

      <section aria-labelledby="requests-heading" className="grid gap-3">
        <h2 id="requests-heading" className="text-lg font-semibold">
          Recent requests
        </h2>
        {page.requests.length === 0 ? (
          <p className="text-sm text-slate-700">No requests yet: once your directory connects, each of its requests shows here with its answer.</p>
        ) : (
          <>
            <p className="text-sm text-slate-600">
              The last {REQUESTS_SHOWN} requests, newest first. Times are in {timeZone}.
            </p>
            <RequestsTable requests={page.requests} timeZone={timeZone} />
          </>
        )}
      </section>
    </div>
  );
}

function TokensTable({ tokens, timeZone }: { tokens: DirectorySyncPage["tokens"]; timeZone: string }) {
  return (
    <StackedTableFrame
      caption="Tokens"
      columns={[{ label: "Name" }, { label: "Made" }, { label: "Last used" }, { label: "People", className: "text-right" }, { label: "Status" }]}
    >
      {tokens.map((t) => (
        <tr key={t.id} role="row" className={`bg-white align-top ${STACKED.row}`}>
          <td role="cell" className="px-3 py-2 font-medium max-md:col-span-2 max-md:col-start-1 max-md:p-0">
            {t.name}
          </td>
          <td role="cell" data-label="Made" className={`px-3 py-2 ${STACKED.detail} max-md:col-span-3 max-md:col-start-1`}>
            {/* One flex item on a phone's card, so "by …" follows the time instead of making a column of its own. */}
            <span>
              {formatDateTime(t.createdAt, timeZone)}
              {t.createdBy && <span className="text-slate-600"> by {t.createdBy}</span>}
            </span>
          </td>
          <td role="cell" data-label="Last used" className={`px-3 py-2 ${STACKED.detail} max-md:col-span-3 max-md:col-start-1`}>
            {t.lastUsedAt ? formatDateTime(t.lastUsedAt, timeZone) : "Never"}
          </td>
          <td role="cell" data-label="People" className={`px-3 py-2 md:text-right ${STACKED.detail} max-md:col-span-3 max-md:col-start-1`}>
            {formatCount(t.managed)}
          </td>
          <td role="cell" className="px-3 py-2 max-md:col-start-3 max-md:row-start-1 max-md:p-0">
            {t.revokedAt ? (
              <span className="text-slate-600">Revoked {formatDateTime(t.revokedAt, timeZone)}</span>
            ) : (
              <RevokeToken tokenId={t.id} name={t.name} />
            )}
          </td>
        </tr>
      ))}
    </StackedTableFrame>
  );
}

function RequestsTable({ requests, timeZone }: { requests: DirectorySyncPage["requests"]; timeZone: string }) {
  return (
    <StackedTableFrame
      caption="Recent requests"
      columns={[{ label: "Time" }, { label: "Token" }, { label: "Request" }, { label: "Answer" }, { label: "User" }]}
    >
      {requests.map((r) => (
        <tr key={r.id} role="row" className={`bg-white align-top ${STACKED.row}`}>
          <td role="cell" className="px-3 py-2 whitespace-nowrap tabular-nums max-md:col-span-2 max-md:col-start-1 max-md:p-0">
            {formatDateTime(r.at, timeZone)}
          </td>
          <td role="cell" data-label="Token" className={`px-3 py-2 ${STACKED.detail} max-md:col-span-3 max-md:col-start-1`}>
            {r.token ?? "—"}
          </td>
          <td
            role="cell"
            data-label="Request"
            className={`px-3 py-2 font-mono text-xs [overflow-wrap:anywhere] ${STACKED.detail} max-md:col-span-3 max-md:col-start-1`}
          >
            {r.method} {readablePath(r.path)}
          </td>
          <td role="cell" data-label="Answer" className={`px-3 py-2 ${STACKED.detail} max-md:col-span-3 max-md:col-start-1`}>
            <span className="grid gap-0.5">
              <span className={r.status >= 400 ? "font-medium text-red-800" : "text-green-900"}>
                {r.status}
                {r.scimType ? ` ${r.scimType}` : ""}
              </span>
              {r.detail && <span className="text-slate-700">{r.detail}</span>}
            </span>
          </td>
          <td role="cell" data-label="User" className={`px-3 py-2 ${STACKED.detail} max-md:col-span-3 max-md:col-start-1`}>
            {r.member ? (
              <Link href={`/users/${r.member.id}`} className="font-medium text-blue-800 hover:underline">
                {r.member.name}
              </Link>
            ) : (
              "—"
            )}
          </td>
        </tr>
      ))}
    </StackedTableFrame>
  );
}

/** The request's path and query as a person reads it (`filter=userName eq "…"`); as sent when it can't be decoded. */
function readablePath(path: string): string {
  try {
    return decodeURIComponent(path.replace(/\+/g, " "));
  } catch {
    return path;
  }
}
