import createClient, { type Middleware } from "openapi-fetch";

import { currentLanguage } from "@/lib/i18n";
import { signedOut } from "@/lib/signed-out";

import type { paths } from "./schema";

const UNSAFE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export function readCookie(name: string): string | undefined {
  return document.cookie
    .split("; ")
    .find((entry) => entry.startsWith(`${name}=`))
    ?.slice(name.length + 1);
}

/**
 * Handled once for every request: Django's CSRF token rides along on writes, and the reader's
 * language goes with each request so that the server's messages come back in it.
 */
const headers: Middleware = {
  onRequest({ request }) {
    request.headers.set("Accept-Language", currentLanguage());
    const token = readCookie("csrftoken");
    if (UNSAFE_METHODS.has(request.method) && token) {
      request.headers.set("X-CSRFToken", token);
    }
    return request;
  },
};

/** A 401 means the session is gone (a wrong password answers 400): the app signs the page out.
 * Asking who is signed in is how the app finds out in the first place, so it is exempt. */
const sessionEnded: Middleware = {
  onResponse({ request, response }) {
    if (response.status === 401 && !new URL(request.url).pathname.startsWith("/api/v1/me/")) {
      signedOut.notify();
    }
    return response;
  },
};

/** The one client of the backend API, typed from its OpenAPI description. */
export const api = createClient<paths>({
  baseUrl: window.location.origin,
  credentials: "same-origin",
  // Looked up at each call, so that tests can stand in for the network.
  fetch: (request: Request) => globalThis.fetch(request),
});
api.use(headers, sessionEnded);
