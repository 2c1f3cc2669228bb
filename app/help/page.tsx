import type { Metadata } from "next";
import type { ReactNode } from "react";
import { browserLanguage } from "@/app/_lib/language";
import { CardPage } from "@/components/ui/card-page";
import { RichText } from "@/components/ui/rich-text";
import { getConfig } from "@/lib/config";
import { senderAddress } from "@/lib/email/sender-address";
import { messagesFor } from "@/lib/i18n/language";
import type { Rich } from "@/lib/i18n/rich";
import { helpSettingsOf } from "@/lib/organizations/settings";

// EMAIL_FROM is read when the page is asked for: a static page would show the address of the build machine.
export const dynamic = "force-dynamic";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** The organization an email's help link names (?org=acme), read once per request for the page and its title. */
async function settingsOf(searchParams: SearchParams) {
  const { org } = await searchParams;
  return helpSettingsOf(typeof org === "string" ? org : undefined);
}

export async function generateMetadata({ searchParams }: { searchParams: SearchParams }): Promise<Metadata> {
  const settings = await settingsOf(searchParams);
  return { title: messagesFor(await browserLanguage(settings.defaultLanguage)).help.title };
}

/**
 * The public help page every email links to (SPEC §4.12). It replaces the help-desk article of seed 000 for new
 * employees: wait, look in spam, add our address (shown, not "our email") to safe senders, then ask for a new email.
 * It names nobody, so it speaks the browser's language, else the organization's (SPEC §4.9).
 */
export default async function HelpPage({ searchParams }: { searchParams: SearchParams }) {
  const address = senderAddress(getConfig().emailFrom);
  // Emails link here with their organization (?org=acme), whose own link lifetimes the page gives (SPEC §2). Any other
  // value, or none, gives the defaults: the page looks the same for a short name that doesn't exist.
  const settings = await settingsOf(searchParams);
  const language = await browserLanguage(settings.defaultLanguage);
  const t = messagesFor(language);
  const words = t.help;
  const senders = words.safeSenders;
  const values = { from: <Address>{address}</Address> };
  const line = (entry: Rich) => <RichText entry={entry} values={values} />;
  const steps = (entries: Rich[]) => (
    <Steps>
      {entries.map((entry, i) => (
        <li key={i}>{line(entry)}</li>
      ))}
    </Steps>
  );
  return (
    <CardPage wide lang={language} title={words.title} intro={words.intro}>
      <ol className="grid gap-10 text-base leading-7 text-slate-700">
        <Step number={1} id="wait" title={words.wait.title}>
          <p>{line(words.wait.body)}</p>
          <p>{words.wait.patience}</p>
        </Step>

        <Step number={2} id="spam" title={words.spam.title}>
          <p>{words.spam.intro}</p>
          <ul className="list-disc space-y-1 pl-6">
            {words.spam.places.map((place, i) => (
              <li key={i}>{line(place)}</li>
            ))}
          </ul>
          <p>{line(words.spam.search)}</p>
          <p>{line(words.spam.quarantine)}</p>
        </Step>

        <Step number={3} id="safe-senders" title={senders.title}>
          <p>{senders.from}</p>
          <p className="rounded-lg border border-blue-200 bg-blue-50 px-4 py-3 font-mono text-lg font-semibold text-blue-900 select-all [overflow-wrap:anywhere]">
            {address}
          </p>
          <p>{senders.add}</p>
          <div className="grid gap-3">
            <Program name="Outlook">
              <Heading>{senders.outlook.newHeading}</Heading>
              {steps(senders.outlook.newSteps)}
              <Heading>{senders.outlook.classicHeading}</Heading>
              {steps(senders.outlook.classicSteps)}
              <p>{line(senders.outlook.notJunk)}</p>
            </Program>

            <Program name="Gmail">
              <Heading>{senders.gmail.spamHeading}</Heading>
              {steps(senders.gmail.spamSteps)}
              <Heading>{senders.gmail.nextHeading}</Heading>
              {steps(senders.gmail.nextSteps)}
              <p>{senders.gmail.filterIntro}</p>
              {steps(senders.gmail.filterSteps)}
            </Program>

            <Program name={senders.apple.name}>
              <Heading>{senders.apple.macHeading}</Heading>
              {steps(senders.apple.macSteps)}
              <Heading>{senders.apple.iosHeading}</Heading>
              {steps(senders.apple.iosSteps)}
            </Program>

            <Program name="Yahoo Mail">{steps(senders.yahooSteps)}</Program>

            <Program name="AOL Mail">{steps(senders.aolSteps)}</Program>
          </div>
          <p>{line(senders.other)}</p>
        </Step>

        <Step number={4} id="resend" title={words.resend.title}>
          <p>{line(words.resend.manager)}</p>
          <p>{words.resend.lifetimes}</p>
          <ul className="list-disc space-y-1 pl-6">
            <li>{words.resend.inviteLifetime(t.duration(settings.inviteLinkDays * 24 * 60))}</li>
            <li>{words.resend.resetLifetime(t.duration(settings.resetLinkMinutes))}</li>
          </ul>
          <p>{line(words.resend.newest)}</p>
          <p>{line(words.resend.alreadySet)}</p>
          <p className="rounded-lg bg-slate-50 px-4 py-3 text-sm leading-6">{line(words.resend.forManagers)}</p>
        </Step>
      </ol>

      <section aria-labelledby="shared" className="mt-10 border-t border-slate-200 pt-8 text-base leading-7 text-slate-700">
        <h2 id="shared" className="text-xl font-semibold text-slate-900">
          {words.shared.title}
        </h2>
        <div className="mt-3 grid gap-3">
          <p>{line(words.shared.body)}</p>
          <p>{words.shared.useYours}</p>
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

function Heading({ children }: { children: ReactNode }) {
  return <h3 className="font-semibold text-slate-900">{children}</h3>;
}

function Steps({ children }: { children: ReactNode }) {
  return <ol className="list-decimal space-y-1 pl-6">{children}</ol>;
}

function Address({ children }: { children: ReactNode }) {
  return <code className="rounded bg-slate-100 px-1 py-0.5 font-mono text-[0.9em] text-slate-900 [overflow-wrap:anywhere]">{children}</code>;
}

