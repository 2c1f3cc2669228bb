"use client";

import { useActionState, useEffect, useEffectEvent, useRef } from "react";
import { toast } from "sonner";
import type { ActionFailure, ActionResult } from "@/app/_lib/action-result";

/**
 * A form's server action whose success shows its message as a toast (SPEC §4) and then runs onSuccess, once per
 * result: a parent re-rendering with new callbacks must not toast again.
 */
export function useToastedAction<S extends ActionResult>(
  action: (previous: S | null, formData: FormData) => Promise<S>,
  onSuccess: (state: Extract<S, { ok: true }>) => void,
) {
  const [state, formAction, pending] = useActionState<S | null, FormData>(action, null);
  const succeeded = useEffectEvent(onSuccess);
  const handled = useRef<S | null>(null);
  useEffect(() => {
    if (!state?.ok || handled.current === state) return;
    handled.current = state;
    toast.success(state.message);
    succeeded(state as Extract<S, { ok: true }>);
  }, [state]);
  return { state, formAction, pending, failed: state?.ok === false ? (state as ActionFailure) : undefined };
}
