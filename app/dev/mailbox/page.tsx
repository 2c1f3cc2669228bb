import type { Metadata } from "next";
import Link from "next/link";
import { requireMailboxReader } from "@/app/_lib/mailbox-access";
import { getDb } from "@/db";
import { mailboxEmails } from "@/lib/email/mailbox";
import { formatDateTime } from "@/lib/members/format";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Mailbox (development)" };

/**
 * Where the `outbox` transport delivers (SPEC §5): every email Gatehouse sent, newest first, so a developer or a
 * tester can open a welcome email and follow its link without a real mail server. Gone unless the transport is outbox;
 * in production, for owner and support accounts only.
 */
export default async function MailboxPage({ searchParams }: { searchParams: Promise<{ to?: string | string[] }> }) {
  const raw = (await searchParams).to;
  const to = (Array.isArray(raw) ? raw[0] : raw)?.trim() ?? "";
  await requireMailboxReader(to ? `/dev/mailbox?to=${encodeURIComponent(to)}` : "/dev/mailbox");
  const emails = await mailboxEmails(await getDb(), { to: to || undefined, limit: 200 });
  return (
    <main className="mx-auto grid max-w-5xl gap-6 px-4 py-8">
      <div>
        <p className="text-sm font-semibold text-blue-800">Gatehouse · development</p>
        <h1 className="mt-1 text-2xl font-semibold tracking-tight">Mailbox</h1>
        <p className="mt-1 text-sm text-slate-600">
          Emails are not sent anywhere while <code>MAIL_TRANSPORT</code> is <code>outbox</code>: they arrive here instead. The same list is
          JSON at <code>/api/dev/mailbox?to=ADDRESS</code>.
        </p>
      </div>
      <form className="flex flex-wrap items-end gap-2" role="search">
        <label className="grid gap-1 text-sm font-medium">
          Recipient
          <input
            name="to"
            type="email"
            defaultValue={to}
            placeholder="dana@example.com"
            className="w-72 rounded-md border border-slate-300 px-3 py-2 font-normal"
          />
        </label>
        <button className="rounded-md bg-blue-700 px-4 py-2 text-sm font-medium text-white hover:bg-blue-800">Show</button>
        {to && (
          <Link href="/dev/mailbox" className="px-2 py-2 text-sm font-medium text-blue-800 hover:underline">
            Show all
          </Link>
        )}
      </form>
      {emails.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-sm text-slate-600">
          {to ? `No email to ${to} yet.` : "No email yet. Send a welcome email and it appears here within a second."}
        </p>
      ) : (
        <table className="w-full overflow-hidden rounded-lg border border-slate-200 bg-white text-left text-sm">
          <thead className="bg-slate-100 text-slate-700">
            <tr>
              <th scope="col" className="px-3 py-2 font-medium">Received (UTC)</th>
              <th scope="col" className="px-3 py-2 font-medium">To</th>
              <th scope="col" className="px-3 py-2 font-medium">Subject</th>
            </tr>
          </thead>
          <tbody>
            {emails.map((email) => (
              <tr key={email.id} className="border-t border-slate-200">
                <td className="whitespace-nowrap px-3 py-2 text-slate-600">{formatDateTime(new Date(email.createdAt), "UTC")}</td>
                <td className="px-3 py-2">{email.to}</td>
                <td className="px-3 py-2">
                  <Link href={`/dev/mailbox/${email.id}`} className="font-medium text-blue-800 hover:underline">
                    {email.subject}
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </main>
  );
}
