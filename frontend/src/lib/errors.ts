import { useTranslation } from "react-i18next";

import { ApiError } from "@/lib/api";

/** Codes of the API that the interface explains in the reader's language. */
const KNOWN_CODES = [
  "invalid_credentials",
  "permission_denied",
  "not_found",
  "not_editable",
  "invalid_transition",
  "not_draft",
  "last_admin",
  "unique",
] as const;
type KnownCode = (typeof KNOWN_CODES)[number];

function isKnown(code: string): code is KnownCode {
  return (KNOWN_CODES as readonly string[]).includes(code);
}

/** A sentence for an error: translated when its code is known, the server's message otherwise. */
export function useErrorText() {
  const { t } = useTranslation();
  return (error: unknown): string => {
    if (!(error instanceof ApiError)) {
      return t("errors.network");
    }
    if (error.status === 429) {
      const seconds = error.retryAfterSeconds ?? 60;
      return seconds < 120
        ? t("errors.rate_limited_seconds", { seconds })
        : t("errors.rate_limited_minutes", { minutes: Math.ceil(seconds / 60) });
    }
    const code = error.errors[0]?.code ?? error.code;
    return isKnown(code) ? t(`errors.${code}`) : error.message;
  };
}
