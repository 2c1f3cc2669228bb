"use client";

import { useEffect, useState } from "react";
import type { Strength } from "@/lib/password-estimator";
import type { PasswordContext } from "@/lib/password-rules";

type Verdict = Strength;
type Estimator = typeof import("@/lib/password-estimator");

const LABELS = ["Very weak", "Weak", "Fair", "Good", "Strong"] as const;
const COLORS = ["bg-red-600", "bg-red-600", "bg-amber-500", "bg-green-600", "bg-green-700"] as const;

// The estimator's dictionaries are large: loaded once, on the first keystroke, not with the page.
let loaded: Promise<Estimator> | undefined;
const loadEstimator = () => (loaded ??= import("@/lib/password-estimator"));

/**
 * Strength feedback while typing (SPEC §4.7): zxcvbn's estimate of how guessable the password is, and the rules the
 * server applies (lib/password-rules.ts), so what the meter accepts is what the form accepts, with the first rule
 * still broken in words.
 */
export function PasswordStrength({ id, password, context }: { id: string; password: string; context: PasswordContext }) {
  // The verdict remembers which password it is about, so a stale one (or one for an emptied field) is never shown.
  const [judged, setJudged] = useState<{ password: string; verdict: Verdict } | null>(null);
  useEffect(() => {
    let current = true;
    if (password) {
      void loadEstimator().then((r) => {
        if (current) setJudged({ password, verdict: r.passwordStrength(password, context) });
      });
    }
    return () => {
      current = false;
    };
  }, [password, context]);
  const verdict = password && judged?.password === password ? judged.verdict : null;
  const score = verdict ? (verdict.problem ? Math.min(verdict.score, 2) : verdict.score) : 0;
  return (
    // Spans only: it sits inside the field's hint paragraph.
    <span className="grid gap-1" id={id}>
      <span aria-hidden="true" className="grid h-1.5 grid-cols-4 gap-1">
        {[1, 2, 3, 4].map((step) => (
          <span key={step} className={`rounded-full ${verdict && score >= step ? COLORS[score] : "bg-slate-200"}`} />
        ))}
      </span>
      <span className="block text-sm text-slate-700" aria-live="polite">
        {!verdict
          ? "Strength: type a password to see how strong it is."
          : verdict.problem
            ? `${LABELS[score]}. ${verdict.problem}`
            : verdict.score >= 3
              ? `Strength: ${LABELS[score]}. This password is good to use.`
              : `Strength: ${LABELS[score]}. It can be used, but a longer phrase of unrelated words is much harder to guess.`}
      </span>
    </span>
  );
}
