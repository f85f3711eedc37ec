import { screen, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";

import { answerFetch, makeMe, renderPage } from "@/test/render";

import { FlowPage } from "./FlowPage";

vi.mock("./FlowSankey", () => ({
  default: ({ label }: { label: string }) => <div role="img" aria-label={label} />,
}));

const water = { id: 1, code: "WATER", name_zh: "水务局", name_en: "Water Authority" };
const parks = { id: 2, code: "PARKS", name_zh: "园林局", name_en: "Parks Bureau" };

function side(
  approvals: number,
  median: number | null,
  longest: number | null,
  waiting: number,
  oldest: number | null,
) {
  return { approvals, median_hours: median, longest_hours: longest, waiting, oldest_waiting_hours: oldest };
}

describe("FlowPage", () => {
  it("shows the secondments under way and how long each department takes to approve", async () => {
    answerFetch({
      status: 200,
      body: {
        links: [{ lending_department: water, receiving_department: parks, secondments: 2, active: 1 }],
        balance: [],
        approval_times: [
          { department: parks, lending: side(0, null, null, 0, null), receiving: side(2, 6, 10.5, 1, 120) },
        ],
      },
    });
    renderPage(<FlowPage />, { me: makeMe({ roles: ["staff", "hr"] }) });

    expect(await screen.findByRole("heading", { name: "Secondments under way" })).toBeInTheDocument();
    const approvals = (await screen.findAllByRole("table")).at(-1) as HTMLElement;
    // As lender, then as receiver: approvals, median, longest, waiting, waiting longest.
    expect(
      within(approvals).getByRole("row", { name: "Parks Bureau 0 — — 0 — 2 6 h 10.5 h 1 5 d" }),
    ).toBeInTheDocument();
  });
});
