"use client";

import { useRouter } from "next/navigation";
import { PAGE_SIZES, usersHref, type UsersQuery } from "@/lib/members/users-query";

export function PageSizePicker({ query }: { query: UsersQuery }) {
  const router = useRouter();
  return (
    <label className="flex items-center gap-2 text-sm text-slate-700">
      Rows per page
      <select
        value={query.size}
        onChange={(e) => router.push(usersHref(query, { size: Number(e.target.value) }))}
        className="rounded-md border border-slate-300 bg-white px-2 py-1.5"
      >
        {PAGE_SIZES.map((n) => (
          <option key={n} value={n}>
            {n}
          </option>
        ))}
      </select>
    </label>
  );
}
