import type { Metadata } from "next";
import { PageHeading } from "@/components/ui/page-heading";
import { notFound } from "next/navigation";
import { requireMailboxReader } from "@/app/_lib/mailbox-access";
import { getDb } from "@/db";
import { isUuid } from "@/lib/actor";
import { mailboxEmail } from "@/lib/email/mailbox";
import { formatDateTime } from "@/lib/members/format";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Email (development mailbox)" };

/** One email of the development mailbox: its HTML as a mail program would show it, its text part and its links. */
export default async function MailboxEmailPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await requireMailboxReader(`/dev/mailbox/${encodeURIComponent(id)}`);
  const email = isUuid(id) ? await mailboxEmail(await getDb(), id) : null;
  if (!email) notFound();
  return (
    <main className="mx-auto grid max-w-5xl gap-6 px-4 py-8">
      <PageHeading back={{ href: `/dev/mailbox?to=${encodeURIComponent(email.to)}`, label: `Mailbox of ${email.to}` }} title={email.subject}>
        To {email.to} · {formatDateTime(new Date(email.createdAt), "UTC")} UTC
      </PageHeading>
      {email.links.length > 0 && (
        <section aria-labelledby="links" className="grid gap-2">
          <h2 id="links" className="text-lg font-semibold">
            Links
          </h2>
          <ul className="grid gap-1 text-sm">
            {email.links.map((link) => (
              <li key={link}>
                <a href={link} className="break-all text-blue-800 underline">
                  {link}
                </a>
              </li>
            ))}
          </ul>
        </section>
      )}
      <section aria-labelledby="html" className="grid gap-2">
        <h2 id="html" className="text-lg font-semibold">
          As the recipient sees it
        </h2>
        {/* sandbox without scripts: the email's own HTML, isolated from this page */}
        <iframe title={`Email: ${email.subject}`} srcDoc={email.html} sandbox="allow-popups allow-popups-to-escape-sandbox" className="h-[640px] w-full rounded-lg border border-slate-200 bg-white" />
      </section>
      <section aria-labelledby="text" className="grid gap-2">
        <h2 id="text" className="text-lg font-semibold">
          Plain-text part
        </h2>
        <pre className="overflow-x-auto whitespace-pre-wrap rounded-lg border border-slate-200 bg-white p-4 text-sm">{email.text}</pre>
      </section>
    </main>
  );
}
