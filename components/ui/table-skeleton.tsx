/** What a list shows while its rows load: announced as loading, sized like the page to come. */
export function TableSkeleton({ rows, label }: { rows: number; label: string }) {
  return (
    <div role="status" aria-label={label} className="grid gap-2 rounded-lg border border-slate-200 bg-white p-4">
      {Array.from({ length: rows }, (_, i) => (
        <div key={i} className="h-6 animate-pulse rounded bg-slate-100" />
      ))}
    </div>
  );
}
