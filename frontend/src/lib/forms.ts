import { App, type FormInstance } from "antd";
import type { KeyboardEvent } from "react";

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
 * A form rule: a number from ``low`` to ``high`` with at most ``places`` decimal places (0: a
 * whole number), refused with ``message`` rather than clamped or rounded (an input clamping 0 to
 * 1 acts behind the person's back). Empty passes when ``optional``.
 */
export function numberBetween(
  low: number,
  high: number,
  message: string,
  { places = 2, optional = false }: { places?: number; optional?: boolean } = {},
) {
  return {
    validator: (_: unknown, value: number | null | undefined) =>
      (optional && (value === null || value === undefined)) ||
      (typeof value === "number" && Number(value.toFixed(places)) === value && value >= low && value <= high)
        ? Promise.resolve()
        : Promise.reject(new Error(message)),
  };
}

/**
 * A form's ``onKeyDown`` for forms whose sending commits the person (opting in to be seconded,
 * filing a need): Enter in a text field does not send them; only their button does. Enter in
 * a text area still starts a new line, and pickers still take Enter for their own choice.
 */
export function sendOnlyByButton(event: KeyboardEvent<HTMLFormElement>) {
  if (event.key === "Enter" && event.target instanceof HTMLInputElement) {
    event.preventDefault();
  }
}

/** ``numberBetween`` for a whole number. */
export function wholeNumber(low: number, high: number, message: string, optional = false) {
  return numberBetween(low, high, message, { places: 0, optional });
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
