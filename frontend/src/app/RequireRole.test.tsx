import { screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import { makeMe, renderPage } from "@/test/render";

import { RequireRole } from "./RequireRole";

describe("RequireRole", () => {
  it("shows the page to a person holding the role", () => {
    renderPage(<RequireRole roles={["admin"]}>the audit trail</RequireRole>, {
      me: makeMe({ roles: ["staff", "admin"] }),
    });

    expect(screen.getByText("the audit trail")).toBeInTheDocument();
  });

  it("shows a clear page, never the content, to a person without it", () => {
    renderPage(<RequireRole roles={["admin"]}>the audit trail</RequireRole>, {
      me: makeMe({ roles: ["staff"] }),
    });

    expect(screen.queryByText("the audit trail")).not.toBeInTheDocument();
    expect(screen.getByText("Not available")).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Back to the home page" })).toHaveAttribute("href", "/");
  });

  it("keeps staff pages from an account without any role", () => {
    renderPage(<RequireRole>the directory</RequireRole>, { me: makeMe({ roles: [] }) });

    expect(screen.queryByText("the directory")).not.toBeInTheDocument();
  });
});
