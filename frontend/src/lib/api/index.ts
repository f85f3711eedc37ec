export { api, readCookie } from "./client";
export { ApiError, isApiError, unwrap, type FieldError } from "./errors";
export type { components, paths } from "./schema";

import type { components } from "./schema";

export type Schemas = components["schemas"];
