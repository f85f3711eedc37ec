import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render } from "@testing-library/react";
import { App as AntApp } from "antd";
import type { ReactElement } from "react";
import { MemoryRouter, Route, Routes } from "react-router";

import { setupI18n } from "@/lib/i18n";
import type { Me } from "@/lib/session";

setupI18n("en");

export function makeMe(overrides: Partial<Me> = {}): Me {
  return {
    id: 1,
    username: "staff",
    employee_number: "TB00001",
    display_name: "张晓明",
    email: "staff@city.example",
    department: { id: 7, code: "GAO-DIGI", name_zh: "信息化处", name_en: "Informatisation Division" },
    position: "主任科员",
    tier: "general",
    language: "en",
    clearance: 1,
    roles: ["staff"],
    headed_department_ids: [],
    phone: "13812345678",
    national_id: "11010519491231002X",
    ...overrides,
  };
}

/** Render ``ui`` at ``path`` as the app would: query cache (holding ``me``), router, messages. */
export function renderPage(ui: ReactElement, { me = makeMe(), path = "/", route = "*" } = {}) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  queryClient.setQueryData(["me"], me);
  return render(
    <QueryClientProvider client={queryClient}>
      <AntApp>
        <MemoryRouter initialEntries={[path]}>
          <Routes>
            <Route path={route} element={ui} />
          </Routes>
        </MemoryRouter>
      </AntApp>
    </QueryClientProvider>,
  );
}

/** Stand in for the network at its edge: each call answers with the next response given. */
export function answerFetch(
  ...responses: { status: number; body?: unknown; headers?: Record<string, string> }[]
) {
  const calls: Request[] = [];
  const queue = [...responses];
  globalThis.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(input, init);
    calls.push(request);
    const next = queue.shift() ?? {
      status: 500,
      body: { code: "error", detail: "unexpected call", errors: [] },
    };
    return new Response(next.body === undefined ? null : JSON.stringify(next.body), {
      status: next.status,
      headers: { "Content-Type": "application/json", ...next.headers },
    });
  };
  return calls;
}
