import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { CardPage } from "@/components/ui/card-page";
import { getConfig } from "@/lib/config";
import { senderAddress } from "@/lib/email/sender-address";
import { durationText } from "@/lib/organizations/duration";
import { linkLifetimesOf } from "@/lib/organizations/settings";

// EMAIL_FROM is read when the page is asked for: a static page would show the address of the build machine.
export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Didn't get the email?" };

/**
 * The public help page every email links to (SPEC §4.12). It replaces the help-desk article of seed 000 for new
 * employees: wait, look in spam, add our address (shown, not "our email") to safe senders, then ask for a new email.
 */
export default async function HelpPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const address = senderAddress(getConfig().emailFrom);
  // Emails link here with their organization (?org=acme), whose own link lifetimes the page gives (SPEC §2). Any other
  // value, or none, gives the defaults: the page looks the same for a short name that doesn't exist.
  const { org } = await searchParams;
  const lifetimes = await linkLifetimesOf(typeof org === "string" ? org : undefined);
  const from = <Address>{address}</Address>;
  return (
    <CardPage
      wide
      title="Didn't get the email?"
      intro="Our emails bring the link to set your password. If yours hasn't arrived, try these steps in order. Most of the time, the first two solve it."
    >
      <ol className="grid gap-10 text-base leading-7 text-slate-700">
        <Step number={1} id="wait" title="Wait about 10 minutes">
          <p>
            The welcome email (subject <Quote>Your account has been created!</Quote>) and the password reset email (subject{" "}
            <Quote>Reset your password</Quote>) usually arrive within a few minutes. Sometimes they take a little longer.
          </p>
          <p>Please wait about 10 minutes before you try anything else.</p>
        </Step>

        <Step number={2} id="spam" title="Look in your spam or junk folder">
          <p>Email programs sometimes put our emails in the wrong place. Look in:</p>
          <ul className="list-disc space-y-1 pl-6">
            <li>
              your <Ui>Spam</Ui> or <Ui>Junk</Ui> folder
            </li>
            <li>
              Gmail: the <Ui>Promotions</Ui> and <Ui>Updates</Ui> tabs
            </li>
            <li>
              Outlook: the <Ui>Other</Ui> tab, next to <Ui>Focused</Ui>
            </li>
            <li>
              Yahoo Mail: the <Ui>Spam</Ui> folder (older versions call it <Ui>Bulk</Ui>)
            </li>
          </ul>
          <p>You can also search your mailbox for the subject, or for our address: {from}.</p>
          <p>
            Do you use a work email address? Your company&apos;s IT team may hold some emails back (a &ldquo;quarantine&rdquo;). Ask
            them to let emails from {from} through.
          </p>
        </Step>

        <Step number={3} id="safe-senders" title="Add our address to your safe senders">
          <p>Our emails show your organization&apos;s name as the sender, and come from this address:</p>
          <p className="rounded-lg border border-blue-200 bg-blue-50 px-4 py-3 font-mono text-lg font-semibold text-blue-900 select-all [overflow-wrap:anywhere]">
            {address}
          </p>
          <p>
            Add it to your safe senders or your contacts. Then our emails go straight to your inbox. Choose your email program:
          </p>
          <div className="grid gap-3">
            <Program name="Outlook">
              <h3 className="font-semibold text-slate-900">New Outlook, Outlook on the web and Outlook.com</h3>
              <Steps>
                <li>
                  Select <Ui>Settings</Ui> (the gear icon, top right).
                </li>
                <li>
                  Select <Ui>Mail</Ui>, then <Ui>Junk email</Ui>.
                </li>
                <li>
                  Under <Ui>Safe senders and domains</Ui>, select <Ui>Add</Ui>.
                </li>
                <li>Type {from} and press Enter.</li>
                <li>
                  Select <Ui>Save</Ui>.
                </li>
              </Steps>
              <h3 className="font-semibold text-slate-900">Classic Outlook for Windows</h3>
              <Steps>
                <li>
                  On the <Ui>Home</Ui> tab, select <Ui>Junk</Ui>, then <Ui>Junk E-mail Options</Ui>.
                </li>
                <li>
                  Open the <Ui>Safe Senders</Ui> tab and select <Ui>Add</Ui>.
                </li>
                <li>
                  Type {from}, then select <Ui>OK</Ui>, and <Ui>OK</Ui> again.
                </li>
              </Steps>
              <p>
                Found our email in the <Ui>Junk Email</Ui> folder? Select it and choose <Ui>Not junk</Ui> (in classic Outlook:{" "}
                <Ui>Home</Ui>, <Ui>Junk</Ui>, <Ui>Not Junk</Ui>). It moves to your inbox.
              </p>
            </Program>

            <Program name="Gmail">
              <h3 className="font-semibold text-slate-900">If our email is in Spam</h3>
              <Steps>
                <li>
                  Open the <Ui>Spam</Ui> folder and open our email.
                </li>
                <li>
                  Select <Ui>Report not spam</Ui> at the top. The email moves to your inbox.
                </li>
              </Steps>
              <h3 className="font-semibold text-slate-900">So the next one arrives in your inbox</h3>
              <Steps>
                <li>Open one of our emails.</li>
                <li>Point at (or tap) the sender&apos;s name at the top.</li>
                <li>
                  Select <Ui>Add to contacts</Ui>.
                </li>
              </Steps>
              <p>Or create a filter, on a computer:</p>
              <Steps>
                <li>
                  In the search box at the top, select <Ui>Show search options</Ui> (the sliders icon).
                </li>
                <li>
                  In <Ui>From</Ui>, type {from}.
                </li>
                <li>
                  Select <Ui>Create filter</Ui>.
                </li>
                <li>
                  Tick <Ui>Never send it to Spam</Ui>, then select <Ui>Create filter</Ui>.
                </li>
              </Steps>
            </Program>

            <Program name="Apple Mail (Mac, iPhone and iPad)">
              <h3 className="font-semibold text-slate-900">On a Mac</h3>
              <Steps>
                <li>
                  Open the <Ui>Junk</Ui> mailbox and select our email.
                </li>
                <li>
                  Click <Ui>Not Junk</Ui>, in the toolbar or in the banner above the email. It moves to your inbox.
                </li>
                <li>
                  Point at the sender&apos;s name at the top of the email, click the arrow next to it, and choose{" "}
                  <Ui>Add to Contacts</Ui>.
                </li>
              </Steps>
              <h3 className="font-semibold text-slate-900">On iPhone or iPad</h3>
              <Steps>
                <li>
                  Go to <Ui>Mailboxes</Ui>, then <Ui>Junk</Ui>, and open our email.
                </li>
                <li>
                  Tap the folder icon (<Ui>Move</Ui>) and choose <Ui>Inbox</Ui>. This tells your mail provider the email is not junk.
                </li>
                <li>
                  Tap the sender&apos;s name at the top of the email, then <Ui>Create New Contact</Ui>.
                </li>
              </Steps>
            </Program>

            <Program name="Yahoo Mail">
              <NotSpamSteps
                folder={
                  <>
                    <Ui>Spam</Ui> folder (<Ui>Bulk</Ui> in older versions)
                  </>
                }
              />
            </Program>

            <Program name="AOL Mail">
              <NotSpamSteps
                folder={
                  <>
                    <Ui>Spam</Ui> folder
                  </>
                }
              />
            </Program>
          </div>
          <p>
            Another email program? Look for <Ui>Not spam</Ui> or <Ui>Not junk</Ui>, and add {from} to your contacts or safe senders.
          </p>
        </Step>

        <Step number={4} id="resend" title="Ask your manager to send a new email">
          <p>
            Still nothing? Your office manager can send you a new welcome email from the <Ui>Users</Ui> tab: they open your name,
            then <Ui>Advanced</Ui>, then <Ui>Send Welcome Email</Ui>. Check with them that they have your email address right.
          </p>
          <p>Links in our emails stop working after a while:</p>
          <ul className="list-disc space-y-1 pl-6">
            <li>a welcome link after {durationText(lifetimes.inviteLinkDays * 24 * 60)};</li>
            <li>a password reset link after {durationText(lifetimes.resetLinkMinutes)}.</li>
          </ul>
          <p>
            Each new email replaces the link in the one before, and the older link stops working. <strong>Always use the newest email.</strong>
          </p>
          <p>
            Have you already set your password? Then you don&apos;t need a welcome email. Use{" "}
            <TextLink href="/forgot-password">Forgot your password?</TextLink> to get a password reset email, or{" "}
            <TextLink href="/sign-in">sign in</TextLink> if you remember your password.
          </p>
          <p className="rounded-lg bg-slate-50 px-4 py-3 text-sm leading-6">
            <Ui>For office managers:</Ui> the person&apos;s <Ui>Email log</Ui> tab shows whether the email was delivered, bounced
            or marked as spam. If it bounced, correct the address first, then send again.
          </p>
        </Step>
      </ol>

      <section aria-labelledby="shared" className="mt-10 border-t border-slate-200 pt-8 text-base leading-7 text-slate-700">
        <h2 id="shared" className="text-xl font-semibold text-slate-900">
          Do you share one email address with colleagues?
        </h2>
        <div className="mt-3 grid gap-3">
          <p>
            For example, a front desk mailbox. Each person still gets their own email, and each email names one login name (such as{" "}
            <Ui>201@acme</Ui>).
          </p>
          <p>Open the email with your login name, and use only that link. The others are for your colleagues.</p>
        </div>
      </section>
    </CardPage>
  );
}

/** One numbered step; the number is drawn, and the list itself tells a screen reader "3 of 4". */
function Step({ number, id, title, children }: { number: number; id: string; title: string; children: ReactNode }) {
  return (
    <li>
      <section aria-labelledby={id}>
        <h2 id={id} className="flex items-center gap-3 text-xl font-semibold text-slate-900">
          <span aria-hidden="true" className="flex size-8 shrink-0 items-center justify-center rounded-full bg-blue-700 text-base text-white">
            {number}
          </span>
          {title}
        </h2>
        <div className="mt-3 grid gap-3 sm:pl-11">{children}</div>
      </section>
    </li>
  );
}

/** One mail program: a native <details>, so Tab reaches it and Enter or Space opens it without any script. */
function Program({ name, children }: { name: string; children: ReactNode }) {
  return (
    <details className="group rounded-lg border border-slate-200 bg-slate-50 open:bg-white">
      <summary className="flex cursor-pointer list-none items-center gap-3 rounded-lg px-4 py-3 font-semibold text-slate-900 hover:bg-slate-100 [&::-webkit-details-marker]:hidden">
        <span aria-hidden="true" className="text-sm text-slate-500 transition-transform group-open:rotate-90">
          ▶
        </span>
        {name}
      </summary>
      <div className="grid gap-3 border-t border-slate-200 px-4 py-4">{children}</div>
    </details>
  );
}

/** Yahoo Mail and AOL Mail (one company, the same buttons): out of spam, then into contacts. */
function NotSpamSteps({ folder }: { folder: ReactNode }) {
  return (
    <Steps>
      <li>Open the {folder} and select our email.</li>
      <li>
        Select <Ui>Not Spam</Ui>. It moves to your inbox.
      </li>
      <li>
        Open the email, select the sender&apos;s name, and choose <Ui>Add to contacts</Ui>.
      </li>
    </Steps>
  );
}

function Steps({ children }: { children: ReactNode }) {
  return <ol className="list-decimal space-y-1 pl-6">{children}</ol>;
}

/** A button or menu name, as the mail program writes it. */
function Ui({ children }: { children: ReactNode }) {
  return <b className="font-semibold text-slate-900">{children}</b>;
}

function Quote({ children }: { children: ReactNode }) {
  return <b className="font-semibold text-slate-900">&ldquo;{children}&rdquo;</b>;
}

function Address({ children }: { children: ReactNode }) {
  return <code className="rounded bg-slate-100 px-1 py-0.5 font-mono text-[0.9em] text-slate-900 [overflow-wrap:anywhere]">{children}</code>;
}

function TextLink({ href, children }: { href: string; children: ReactNode }) {
  return (
    <Link href={href} className="font-medium text-blue-800 underline underline-offset-2 hover:text-blue-900">
      {children}
    </Link>
  );
}
