/** The flag next to an address that bounced or was marked as spam (SPEC §4.11): fix it before sending again. */
export function EmailProblemBadge({ problem }: { problem: "bounced" | "complained" }) {
  return (
    <span className="ml-2 whitespace-nowrap rounded bg-red-50 px-1.5 py-0.5 text-xs font-medium text-red-800 ring-1 ring-red-200" title="Fix this address before sending again">
      {problem === "bounced" ? "Bounced" : "Marked as spam"}
    </span>
  );
}
