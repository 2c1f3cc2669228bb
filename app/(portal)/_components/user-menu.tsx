import { signOutAction } from "../actions";

/**
 * The signed-in person's menu, top right (seed 001: "choose your Extension Name in the top right-hand corner").
 * A native <details> opens with Enter or Space and needs no script.
 */
export function UserMenu({ name, detail }: { name: string; detail: string }) {
  return (
    <details className="relative">
      <summary className="flex cursor-pointer list-none items-center gap-2 rounded-md px-3 py-2 text-sm font-medium text-slate-800 hover:bg-slate-100">
        <span>{name}</span>
        <span aria-hidden="true" className="text-xs text-slate-500">
          ▼
        </span>
      </summary>
      <div className="absolute right-0 z-10 mt-1 w-64 rounded-md border border-slate-200 bg-white p-2 shadow-lg">
        <p className="px-2 py-1 text-xs text-slate-600">{detail}</p>
        <form action={signOutAction}>
          <button type="submit" className="w-full rounded px-2 py-2 text-left text-sm text-slate-800 hover:bg-slate-100">
            Sign out
          </button>
        </form>
      </div>
    </details>
  );
}
