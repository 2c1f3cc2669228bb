"use client";

import { useEffect, useState } from "react";
import { messagesFor } from "@/lib/i18n/messages";
import type { Strength } from "@/lib/password-estimator";
import type { PasswordContext } from "@/lib/password-rules";

type Verdict = Strength;
type Estimator = typeof import("@/lib/password-estimator");

const COLORS = ["bg-red-600", "bg-red-600", "bg-amber-500", "bg-green-600", "bg-green-700"] as const;

// The estimator's dictionaries are large: loaded once, on the first keystroke, not with the page.
let loaded: Promise<Estimator> | undefined;
const loadEstimator = () => (loaded ??= import("@/lib/password-estimator"));

/**
 * Strength feedback while typing (SPEC §4.7): zxcvbn's estimate of how guessable the password is, and the rules the
 * server applies (lib/password-rules.ts), so what the meter accepts is what the form accepts, with the first rule
 * still broken in words.
 */
export function PasswordStrength({ id, password, context, language = "en" }: { id: string; password: string; context: PasswordContext; language?: string }) {
  const t = messagesFor(language).password;
  // The verdict remembers which password it is about, so a stale one (or one for an emptied field) is never shown.
  const [judged, setJudged] = useState<{ password: string; verdict: Verdict } | null>(null);
  useEffect(() => {
    let current = true;
    if (password) {
      void loadEstimator().then((r) => {
        if (current) setJudged({ password, verdict: r.passwordStrength(password, context, t.rules) });
      });
    }
    return () => {
      current = false;
    };
  }, [password, context, t]);
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
          ? t.strengthEmpty
          : verdict.problem
            ? t.strengthProblem(t.strengthLabels[score]!, verdict.problem)
            : verdict.score >= 3
              ? t.strengthGood(t.strengthLabels[score]!)
              : t.strengthUsable(t.strengthLabels[score]!)}
      </span>
    </span>
  );
}
