import { redirect } from "next/navigation";
import { currentOrganization, requireActor } from "@/app/_lib/session";
import { ROLE_LABELS } from "@/lib/members/labels";
import { isSetupNeeded } from "@/lib/setup/complete-setup";
import { navigationFor } from "./_components/navigation";
import { NavLinks } from "./_components/nav-links";
import { UserMenu } from "./_components/user-menu";

export const dynamic = "force-dynamic";

/** The signed-in shell: organization name, navigation by role, and the user menu with "Sign out". */
export default async function PortalLayout({ children }: { children: React.ReactNode }) {
  if (await isSetupNeeded()) redirect("/setup");
  const actor = await requireActor();
  const organization = await currentOrganization();
  const heading = organization?.name ?? "Gatehouse Support";
  const detail =
    actor.kind === "member"
      ? `${ROLE_LABELS[actor.role]}${actor.loginName ? ` · ${actor.loginName}` : ""}`
      : `Platform support · ${actor.email}`;
  return (
    <div className="min-h-screen">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:rounded focus:bg-white focus:p-2">
        Skip to content
      </a>
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-7xl items-center gap-6 px-4 py-2">
          <p className="text-base font-semibold text-slate-900">
            <span className="text-blue-800">Gatehouse</span>
            <span className="mx-2 text-slate-400" aria-hidden="true">
              /
            </span>
            <span>{heading}</span>
          </p>
          <nav aria-label="Main" className="flex-1">
            <NavLinks items={navigationFor(actor)} />
          </nav>
          <UserMenu name={actor.name} detail={detail} />
        </div>
      </header>
      <main id="main" className="mx-auto max-w-7xl px-4 py-8">
        {children}
      </main>
    </div>
  );
}
