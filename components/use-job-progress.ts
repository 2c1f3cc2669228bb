"use client";

import { useEffect, useEffectEvent } from "react";

/**
 * Polls a job's progress (`GET /api/jobs/<id>`: a bulk send, an import) every `intervalMs` until `onUpdate` says
 * "stop" or the component goes. `onUpdate` gets null when Gatehouse can't be reached for a moment; polling goes on.
 */
export function useJobProgress<T>(jobId: string | null, intervalMs: number, onUpdate: (progress: T | null) => "stop" | void, { firstAfterMs = 0 } = {}) {
  const update = useEffectEvent(onUpdate);
  useEffect(() => {
    if (!jobId) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      const response = await fetch(`/api/jobs/${jobId}`, { cache: "no-store" }).catch(() => null);
      const progress = response?.ok ? ((await response.json()) as T) : null;
      if (stopped || update(progress) === "stop") return;
      timer = setTimeout(() => void poll(), intervalMs);
    };
    timer = setTimeout(() => void poll(), firstAfterMs);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [jobId, intervalMs, firstAfterMs]);
}
