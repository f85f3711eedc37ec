import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";

import { answerFetch, renderPage } from "@/test/render";

import { LoginPage } from "./LoginPage";

/**
 * A person at the keyboard. Each key still fires every event a real one does, but no timer turn
 * waits between keys: on a busy machine those turns only lengthen a test that is slow already
 * (see ``testTimeout`` in vite.config.ts).
 */
function person() {
  return userEvent.setup({ delay: null });
}

async function signIn(password: string) {
  const user = person();
  await user.type(screen.getByLabelText("Username"), "staff");
  await user.type(screen.getByLabelText("Password"), password);
  await user.click(screen.getByRole("button", { name: "Sign in" }));
}

describe("LoginPage", () => {
  it("says when there were too many attempts and for how long to wait", async () => {
    answerFetch(
      { status: 200, body: { csrf_token: "t" } },
      {
        status: 429,
        body: { code: "rate_limited", detail: "Too many failed sign-ins; try again in 1 min.", errors: [] },
        headers: { "Retry-After": "37" },
      },
    );
    renderPage(<LoginPage />, { me: null as never, path: "/login" });

    await signIn("guess");

    expect(await screen.findByRole("alert")).toHaveTextContent("Too many attempts. Try again in 37 seconds.");
  });

  it("counts a longer wait in minutes", async () => {
    answerFetch(
      { status: 200, body: { csrf_token: "t" } },
      {
        status: 429,
        body: { code: "rate_limited", detail: "Too many failed sign-ins; try again in 14 min.", errors: [] },
        headers: { "Retry-After": "801" },
      },
    );
    renderPage(<LoginPage />, { me: null as never, path: "/login" });

    await signIn("guess");

    expect(await screen.findByRole("alert")).toHaveTextContent("Too many attempts. Try again in 14 minutes.");
  });

  it("says a wrong password without telling which part was wrong", async () => {
    answerFetch(
      { status: 200, body: { csrf_token: "t" } },
      {
        status: 400,
        body: {
          code: "invalid",
          detail: "Wrong username or password.",
          errors: [{ field: null, code: "invalid_credentials", message: "Wrong username or password." }],
        },
      },
    );
    renderPage(<LoginPage />, { me: null as never, path: "/login" });

    await signIn("nope");

    expect(await screen.findByRole("alert")).toHaveTextContent("Wrong username or password.");
  });

  it("asks for both fields before sending anything", async () => {
    const calls = answerFetch();
    renderPage(<LoginPage />, { me: null as never, path: "/login" });

    await person().click(screen.getByRole("button", { name: "Sign in" }));

    expect(await screen.findByText("Enter your username.")).toBeInTheDocument();
    expect(screen.getByText("Enter your password.")).toBeInTheDocument();
    expect(calls).toHaveLength(0);
  });
});
