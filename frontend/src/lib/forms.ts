import { App, type FormInstance } from "antd";

import { ApiError } from "@/lib/api";
import { useErrorText } from "@/lib/errors";

/**
 * Show the server's field errors next to their fields. ``rename`` maps a field of the API to the
 * form field that edits it (the two dates of a period to the one period picker, say).
 */
export function showFieldErrors<Values>(
  form: FormInstance<Values>,
  error: ApiError,
  rename: Record<string, string> = {},
): void {
  const fields = error.fieldErrors().map(({ name: [first, ...rest], errors }) => ({
    name: [typeof first === "string" ? (rename[first] ?? first) : first, ...rest],
    errors,
  }));
  form.setFields(fields as Parameters<FormInstance<Values>["setFields"]>[0]);
}

/**
 * A form rule: a whole number from ``low`` to ``high``, refused with ``message`` rather than
 * clamped (an input clamping 0 to 1 acts behind the person's back). Empty passes when
 * ``optional``.
 */
export function wholeNumber(low: number, high: number, message: string, optional = false) {
  return {
    validator: (_: unknown, value: number | null | undefined) =>
      (optional && (value === null || value === undefined)) ||
      (typeof value === "number" && Number.isInteger(value) && value >= low && value <= high)
        ? Promise.resolve()
        : Promise.reject(new Error(message)),
  };
}

/** Show a failed save next to its fields, or as a message when it names none of them. */
export function useShowFailure() {
  const { message } = App.useApp();
  const errorText = useErrorText();
  return <Values>(form: FormInstance<Values>, error: unknown, rename: Record<string, string> = {}) => {
    if (error instanceof ApiError && error.fieldErrors().length > 0) {
      showFieldErrors(form, error, rename);
    } else {
      void message.error(errorText(error));
    }
  };
}
