"use client";

import { useRouter } from "next/navigation";

/** "Rows per page": each choice is a link the server built, so this knows nothing about the list's query. */
export function PageSizePicker({ size, choices }: { size: number; choices: { size: number; href: string }[] }) {
  const router = useRouter();
  return (
    <label className="flex items-center gap-2 text-sm text-slate-700">
      Rows per page
      <select
        value={size}
        onChange={(e) => router.push(choices.find((c) => c.size === Number(e.target.value))?.href ?? "")}
        className="rounded-md border border-slate-300 bg-white px-2 py-1.5"
      >
        {choices.map((c) => (
          <option key={c.size} value={c.size}>
            {c.size}
          </option>
        ))}
      </select>
    </label>
  );
}
