import type { components } from "./schema";

export type ErrorBody = components["schemas"]["Error"];
export type FieldError = ErrorBody["errors"][number];

/** An answer of the API other than 2xx, in its one error shape (docs/api.md). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly errors: FieldError[];
  readonly retryAfterSeconds: number | null;

  constructor(status: number, body: Partial<ErrorBody> | undefined, retryAfter: string | null) {
    super(body?.detail ?? `HTTP ${status}`);
    this.status = status;
    this.code = body?.code ?? "error";
    this.errors = body?.errors ?? [];
    this.retryAfterSeconds = retryAfter === null ? null : Number(retryAfter);
  }

  /** Errors of named fields, as Ant Design forms take them (dotted paths become name paths). */
  fieldErrors(): { name: (string | number)[]; errors: string[] }[] {
    const byField = new Map<string, string[]>();
    for (const error of this.errors) {
      if (error.field) {
        byField.set(error.field, [...(byField.get(error.field) ?? []), error.message]);
      }
    }
    return [...byField].map(([field, errors]) => ({
      name: field.split(".").map((part) => (/^\d+$/.test(part) ? Number(part) : part)),
      errors,
    }));
  }

  /** Messages that belong to no field of a form (or to fields the form does not show). */
  generalMessages(shownFields: string[] = []): string[] {
    if (this.errors.length === 0) {
      return [this.message];
    }
    return this.errors
      .filter((error) => !error.field || !shownFields.includes(error.field.split(".")[0] ?? ""))
      .map((error) => error.message);
  }
}

interface FetchResult<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** The data of a successful answer, or an ApiError that says what went wrong. */
export async function unwrap<T>(call: Promise<FetchResult<T>>): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok) {
    throw new ApiError(
      response.status,
      error as Partial<ErrorBody> | undefined,
      response.headers.get("Retry-After"),
    );
  }
  return data as T;
}

export function isApiError(error: unknown, status?: number): error is ApiError {
  return error instanceof ApiError && (status === undefined || error.status === status);
}
