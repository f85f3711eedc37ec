import type { FormInstance } from "antd";

import type { ApiError } from "@/lib/api";

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
