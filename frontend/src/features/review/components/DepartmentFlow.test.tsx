import { screen, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";

import { answerFetch, makeMe, renderPage } from "@/test/render";

import type { MatchRun } from "../api/review";
import { RunFlowPanel } from "./DepartmentFlow";

// jsdom draws no chart (it has no layout); the chart's own module is left to the browser tests.
vi.mock("./FlowSankey", () => ({
  default: ({ label }: { label: string }) => <div role="img" aria-label={label} />,
}));

const water = { id: 1, code: "WATER", name_zh: "水务局", name_en: "Water Authority" };
const parks = { id: 2, code: "PARKS", name_zh: "园林局", name_en: "Parks Bureau" };
const hr = makeMe({ roles: ["staff", "hr"] });
const run = { id: 7 } as MatchRun;

function tiers(leader: [number, number], general: [number, number], specialist: [number, number]) {
  return [
    { tier: "leader", lent: leader[0], received: leader[1] },
    { tier: "general", lent: general[0], received: general[1] },
    { tier: "specialist", lent: specialist[0], received: specialist[1] },
  ];
}

describe("RunFlowPanel", () => {
  it("shows who lends to whom as a chart and a table, and each department's balance per tier", async () => {
    const calls = answerFetch({
      status: 200,
      body: {
        links: [
          { lending_department: water, receiving_department: parks, suggestions: 3, accepted: 1 },
          { lending_department: parks, receiving_department: water, suggestions: 1, accepted: 0 },
        ],
        balance: [
          { department: parks, lent: 1, received: 3, tiers: tiers([0, 1], [1, 2], [0, 0]) },
          { department: water, lent: 3, received: 1, tiers: tiers([1, 0], [2, 1], [0, 0]) },
        ],
      },
    });
    renderPage(<RunFlowPanel run={run} />, { me: hr });

    expect(await screen.findByRole("img", { name: /lending departments on the left/ })).toBeInTheDocument();
    expect(calls.map((call) => new URL(call.url).pathname)).toEqual(["/api/v1/match-runs/7/flow/"]);
    const [pairs, balance] = screen.getAllByRole("table") as [HTMLElement, HTMLElement];
    // Lending, receiving, suggestions, accepted.
    expect(within(pairs).getByRole("row", { name: "Water Authority Parks Bureau 3 1" })).toBeInTheDocument();
    // In all, leaders, general staff, specialists: lent, then received.
    expect(within(balance).getByRole("row", { name: "Water Authority 3 1 1 0 2 1 0 0" })).toBeInTheDocument();
  });

  it("says so when the run moves nobody, rather than drawing an empty chart", async () => {
    answerFetch({ status: 200, body: { links: [], balance: [] } });
    renderPage(<RunFlowPanel run={run} />, { me: hr });

    expect(
      await screen.findByText("No suggestion of this run still stands: it moves nobody."),
    ).toBeInTheDocument();
    expect(screen.queryByRole("img")).not.toBeInTheDocument();
  });
});
