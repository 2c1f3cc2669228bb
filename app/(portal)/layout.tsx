import { redirect } from "next/navigation";
import { currentLanguage, currentOrganization, requireActor } from "@/app/_lib/session";
import { messagesFor } from "@/lib/i18n/messages";
import { isSetupNeeded } from "@/lib/setup/complete-setup";
import { MY_ACCOUNT_PATH, navigationFor } from "./_components/navigation";
import { NavLinks } from "./_components/nav-links";
import { PhoneMenu } from "./_components/phone-menu";
import { UserMenu } from "./_components/user-menu";

export const dynamic = "force-dynamic";

/** The signed-in shell: organization name, navigation by role, and the user menu with "Sign out". */
export default async function PortalLayout({ children }: { children: React.ReactNode }) {
  if (await isSetupNeeded()) redirect("/setup");
  const actor = await requireActor();
  const [organization, language] = await Promise.all([currentOrganization(), currentLanguage()]);
  const t = messagesFor(language).shell;
  const heading = organization?.name ?? "Gatehouse Support";
  const items = navigationFor(actor, t);
  const detail =
    actor.kind === "member" ? `${messagesFor(language).roles[actor.role]}${actor.loginName ? ` · ${actor.loginName}` : ""}` : t.support(actor.email);
  // Support staff have no account here: theirs is managed with `npm run support:create`.
  const menu = { accountHref: actor.kind === "member" ? MY_ACCOUNT_PATH : null, labels: { menu: t.menu, mainNavigation: t.mainNavigation, myAccount: t.myAccount, signOut: t.signOut } };
  return (
    <div className="min-h-screen" lang={language}>
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:rounded focus:bg-white focus:p-2">
        {t.skipToContent}
      </a>
      <header className="relative border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-7xl items-center gap-3 px-4 py-2 lg:gap-6">
          {/* A phone has no room for both on one line: the product's name goes small above the organization's,
              which may take two lines rather than lose its end. */}
          <p className="min-w-0 flex-1 text-base font-semibold text-slate-900 sm:truncate lg:flex-none">
            <span className="block text-xs text-blue-800 sm:inline sm:text-base">Gatehouse</span>
            <span className="mx-2 hidden text-slate-400 sm:inline" aria-hidden="true">
              /
            </span>
            <span className="line-clamp-2 leading-snug [overflow-wrap:anywhere] sm:inline">{heading}</span>
          </p>
          {/* Wide screens: the pages in a row and the user menu; narrow ones: everything behind "Menu". */}
          <nav aria-label={t.mainNavigation} className="hidden flex-1 lg:block">
            <NavLinks items={items} />
          </nav>
          <div className="hidden lg:block">
            <UserMenu name={actor.name} detail={detail} {...menu} />
          </div>
          <PhoneMenu items={items} name={actor.name} detail={detail} {...menu} />
        </div>
      </header>
      <main id="main" className="mx-auto max-w-7xl px-4 py-8">
        {children}
      </main>
    </div>
  );
}
