import { useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";

import { useFrames } from "@/lib/realtime";

import type { Candidate, Decision } from "../api/review";

/** A decision being confirmed: of these suggestions. */
export interface Deciding {
  ids: number[];
  decision: Decision;
}

/** The button's verb of each decision (``review.accept``…). */
export const DECISION_VERBS = { accepted: "accept", rejected: "reject", held: "hold" } as const;

/** A person's name, or their alias while a blind review hides it. */
export function candidateName(
  t: (key: "review.candidate", options: { alias: string }) => string,
  candidate: Candidate,
): string {
  return candidate.display_name ?? t("review.candidate", { alias: candidate.alias });
}

/** What tells a person apart in a run: their id, or their alias while masked. */
export function personKey(candidate: Candidate): string {
  return candidate.id === null ? `alias:${candidate.alias}` : `id:${candidate.id}`;
}

/** Keep the runs on screen current: each step of a run arrives as a ``match_run`` frame, and
 * after a reconnection the runs are read again (a step may have been missed). */
export function useRunFrames() {
  const queryClient = useQueryClient();
  const refresh = useCallback(
    () => void queryClient.invalidateQueries({ queryKey: ["match-runs"] }),
    [queryClient],
  );
  useFrames("match_run", refresh);
  useFrames("ready", refresh);
}
