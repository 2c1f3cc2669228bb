import Link from "next/link";
import type { Messages } from "@/lib/i18n/messages";
import { MY_ACCOUNT_PATH } from "./navigation";

/**
 * What a member starts from (SPEC §4.9, seed 002): their login name, where it works (the portal, the web soft phone,
 * the mobile app), the voicemail PIN reminder and the way to My Account. "You're all set" after the first password,
 * and a member's home page after that.
 */
export function AccountStart({ t, title, intro, loginName, hasPin }: { t: Messages; title: string; intro?: string; loginName: string | null; hasPin: boolean }) {
  const words = t.allSet;
  return (
    <div className="grid max-w-2xl gap-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">{title}</h1>
        {intro && <p className="mt-1 text-slate-700">{intro}</p>}
      </div>
      {loginName && (
        <section aria-labelledby="login-name" className="grid gap-1 rounded-lg border border-blue-200 bg-blue-50 p-4">
          <h2 id="login-name" className="text-sm font-medium text-blue-950">
            {words.loginName}
          </h2>
          <p className="font-mono text-xl font-semibold text-blue-950 select-all [overflow-wrap:anywhere]">{loginName}</p>
          <p className="text-sm text-blue-950">{words.loginNameHint}</p>
        </section>
      )}
      <section aria-labelledby="where" className="grid gap-2 rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="where" className="text-lg font-semibold">
          {words.whereHeading}
        </h2>
        <ul className="list-disc space-y-1 pl-6 text-slate-700">
          <li>{words.portal}</li>
          <li>{words.softPhone}</li>
          <li>{words.mobileApp}</li>
        </ul>
      </section>
      <section aria-labelledby="pin" className="grid gap-2 rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="pin" className="text-lg font-semibold">
          {words.pinHeading}
        </h2>
        <p className="text-slate-700">{hasPin ? words.pinSet : words.pinMissing}</p>
      </section>
      <div>
        <Link href={MY_ACCOUNT_PATH} className="inline-block rounded-md bg-blue-700 px-4 py-2 text-sm font-medium text-white hover:bg-blue-800">
          {words.myAccount}
        </Link>
      </div>
    </div>
  );
}
