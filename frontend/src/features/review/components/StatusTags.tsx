import { useTranslation } from "react-i18next";

import { ToneTag, type Tone } from "@/components/tags";

import type { MatchRun, MatchRunStatus, SuggestionStatus } from "../api/review";

const RUN_TONES: Record<MatchRunStatus, Tone> = {
  queued: "neutral",
  running: "blue",
  done: "green",
  failed: "red",
};

export function RunStatusTag({ run }: { run: Pick<MatchRun, "status"> }) {
  const { t } = useTranslation();
  return <ToneTag tone={RUN_TONES[run.status]}>{t(`enums.runStatus.${run.status}`)}</ToneTag>;
}

const SUGGESTION_TONES: Record<SuggestionStatus, Tone> = {
  proposed: "blue",
  accepted: "green",
  rejected: "red",
  held: "amber",
  withdrawn: "neutral",
};

export function SuggestionStatusTag({ status }: { status: SuggestionStatus }) {
  const { t } = useTranslation();
  return <ToneTag tone={SUGGESTION_TONES[status]}>{t(`enums.suggestionStatus.${status}`)}</ToneTag>;
}
