import { act, renderHook } from "@testing-library/react";
import type { ReactNode } from "react";
import { MemoryRouter, useLocation } from "react-router";
import { describe, expect, it } from "vitest";

import { useUrlFilters } from "./url-state";

function wrapperAt(path: string) {
  return ({ children }: { children: ReactNode }) => (
    <MemoryRouter initialEntries={[path]}>{children}</MemoryRouter>
  );
}

describe("useUrlFilters", () => {
  it("reads the filters and the page from the address", () => {
    const { result } = renderHook(() => useUrlFilters(["q", "tier"] as const), {
      wrapper: wrapperAt("/people?q=王&page=3&page_size=50"),
    });

    expect(result.current.values).toEqual({ q: "王", tier: undefined });
    expect([result.current.page, result.current.pageSize]).toEqual([3, 50]);
  });

  it("starts a new filter from the first page and drops emptied filters", () => {
    const { result } = renderHook(
      () => ({ filters: useUrlFilters(["q", "tier"] as const), location: useLocation() }),
      { wrapper: wrapperAt("/people?q=王&page=3") },
    );

    act(() => result.current.filters.update({ tier: "leader", q: "" }));

    expect(result.current.location.search).toBe("?tier=leader");
    expect(result.current.filters.page).toBe(1);
  });
});
