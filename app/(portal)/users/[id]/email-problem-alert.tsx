import Link from "next/link";

type Problem = "bounced" | "complained";

/**
 * The top of a member's "Email log" tab when their address bounced or was marked as spam (SPEC §4.11): what went
 * wrong, in the receiving server's words, and where to fix it before sending again.
 */
export function EmailProblemAlert({
  problem,
  address,
  reason,
  memberName,
  profileHref,
}: {
  problem: Problem;
  address: string;
  reason: string | null;
  memberName: string;
  /** The Profile tab, when the actor may change the address there. */
  profileHref: string | null;
}) {
  const what = problem === "bounced" ? `Emails to ${address} bounced` : `An email to ${address} was marked as spam`;
  return (
    <div className="rounded-md border border-red-200 bg-red-50 p-4 text-sm text-red-900">
      <p className="font-medium">
        {what}
        {reason ? `: ${reason}` : "."}
      </p>
      <p className="mt-1">
        {profileHref ? (
          <>
            Fix the address on the{" "}
            <Link href={profileHref} className="font-medium underline">
              Profile tab
            </Link>{" "}
            before sending again.
          </>
        ) : (
          `Ask someone who can edit ${memberName}'s profile to correct the address before sending again.`
        )}
      </p>
    </div>
  );
}
