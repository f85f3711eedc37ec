import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { act, render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter, Route, Routes, useLocation } from "react-router";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import { useLogout } from "@/lib/session";
import { signedOut } from "@/lib/signed-out";
import { FakeSocket } from "@/test/fake-socket";
import { makeMe } from "@/test/render";

import { SignedIn } from "./SignedIn";

function WhereAmI() {
  const location = useLocation();
  return <p>at {location.pathname + location.search}</p>;
}

function SignOutButton() {
  const logout = useLogout();
  return <button onClick={() => logout.mutate()}>Sign out</button>;
}

function renderSignedInAt(path: string) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  queryClient.setQueryData(["me"], makeMe());
  render(
    <QueryClientProvider client={queryClient}>
      <MemoryRouter initialEntries={[path]}>
        <Routes>
          <Route path="/login" element={<WhereAmI />} />
          <Route element={<SignedIn />}>
            <Route path="/groups" element={<SignOutButton />} />
          </Route>
        </Routes>
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

describe("SignedIn", () => {
  let answerLogout: (response: Response) => void;

  beforeEach(() => {
    FakeSocket.opened = [];
    vi.stubGlobal("WebSocket", FakeSocket);
    // The network's edge: signing out waits until the test lets the server answer.
    vi.stubGlobal("fetch", (request: Request) =>
      new URL(request.url).pathname === "/api/v1/auth/logout/"
        ? new Promise<Response>((resolve) => (answerLogout = resolve))
        : Promise.resolve(new Response(null, { status: 401 })),
    );
  });

  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("sends a person whose session ended elsewhere to sign in, and back afterwards", async () => {
    renderSignedInAt("/groups?mine=1");

    act(() => signedOut.notify());

    expect(await screen.findByText("at /login?next=%2Fgroups%3Fmine%3D1")).toBeInTheDocument();
  });

  it("signs out to the sign-in page, with no way back", async () => {
    renderSignedInAt("/groups");

    await userEvent.setup({ delay: null }).click(screen.getByRole("button", { name: "Sign out" }));
    act(() => answerLogout(new Response(null, { status: 204 })));

    expect(await screen.findByText("at /login")).toBeInTheDocument();
  });

  it("signs out to the sign-in page with no way back, even when the socket hears it first", async () => {
    renderSignedInAt("/groups");

    await userEvent.setup({ delay: null }).click(screen.getByRole("button", { name: "Sign out" }));
    act(() => signedOut.notify()); // the server closed this tab's socket before answering
    expect(await screen.findByText("at /login")).toBeInTheDocument();
    act(() => answerLogout(new Response(null, { status: 204 })));

    expect(await screen.findByText("at /login")).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Sign out" })).not.toBeInTheDocument();
  });
});
