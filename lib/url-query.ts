import { z } from "zod";

/**
 * Pieces shared by the lists whose state lives in the URL (the Users tab, the email log): a link can be shared and
 * the back button restores it. Every key falls back to its default instead of failing, so a hand-edited URL still opens.
 */
export const PAGE_SIZES = [25, 50, 100] as const;

export const pagingFields = {
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
  size: z.coerce
    .number()
    .refine((n) => (PAGE_SIZES as readonly number[]).includes(n))
    .catch(50)
    .default(50),
};

export type SearchParams = URLSearchParams | Record<string, string | string[] | undefined>;

/** Next's searchParams or URLSearchParams as one string per key: a repeated key counts once. */
export function firstValues(params: SearchParams): Record<string, string | undefined> {
  const entries = params instanceof URLSearchParams ? [...params.keys()].map((k) => [k, params.get(k)] as const) : Object.entries(params);
  return Object.fromEntries(entries.map(([k, v]) => [k, Array.isArray(v) ? v[0] : (v ?? undefined)]));
}

/** The URL search string of a query, without the values equal to its defaults, so links stay short. */
export function searchOf<Q extends object>(query: Q, defaults: Q): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== "" && value !== defaults[key as keyof Q]) params.set(key, String(value));
  }
  return params.size ? `?${params}` : "";
}
