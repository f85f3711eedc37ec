import type { SankeySeriesOption } from "echarts/charts";
import { describe, expect, it } from "vitest";

import { flowChartHeight, flowChartOption, type FlowLink } from "./flow-chart";

const a = { id: 1, code: "A", name_zh: "甲局", name_en: "Bureau <A>" };
const b = { id: 2, code: "B", name_zh: "乙局", name_en: "Bureau B" };
const both: FlowLink[] = [
  { lending: a, receiving: b, count: 3, firm: 1 },
  { lending: b, receiving: a, count: 1, firm: 0 },
];
const texts = {
  name: (department: typeof a) => department.name_en,
  link: (from: string, to: string, count: number) => `${from} → ${to}: ${count}`,
};

function sankey(links: FlowLink[]): SankeySeriesOption {
  const series = flowChartOption(links, texts).series;
  return (Array.isArray(series) ? series[0] : series) as SankeySeriesOption;
}

describe("flowChartOption", () => {
  it("draws departments that lend to each other as lenders on the left and receivers on the right, with no cycle", () => {
    const chart = sankey(both);

    expect(chart.data?.map((node) => node.name)).toEqual(["lends:1", "lends:2", "receives:2", "receives:1"]);
    expect(chart.links).toEqual([
      { source: "lends:1", target: "receives:2", value: 3 },
      { source: "lends:2", target: "receives:1", value: 1 },
    ]);
  });

  it("gives a department one colour on both sides and labels it by name", () => {
    const chart = sankey(both);
    const colour = (name: string) =>
      (chart.data?.find((node) => node.name === name)?.itemStyle as { color: string }).color;

    expect(colour("lends:1")).toBe(colour("receives:1"));
    expect(colour("lends:1")).not.toBe(colour("lends:2"));
    const label = chart.label?.formatter as (params: { name: string }) => string;
    expect(label({ name: "receives:2" })).toBe("Bureau B");
  });

  it("escapes names in the tooltip, which ECharts writes as HTML", () => {
    const tooltip = flowChartOption(both, texts).tooltip as { formatter: (params: object) => string };

    expect(tooltip.formatter({ dataType: "edge", dataIndex: 0 })).toBe("Bureau &#60;A&#62; → Bureau B: 3");
    expect(tooltip.formatter({ dataType: "node", name: "lends:1", value: 3 })).toBe("Bureau &#60;A&#62;: 3");
  });

  it("is tall enough for the side with more departments", () => {
    const many = [3, 4, 5, 6, 7, 8].map((id) => ({ ...b, id }));
    const fanOut = many.map((receiving) => ({ lending: a, receiving, count: 1, firm: 0 }));

    expect(flowChartHeight(fanOut)).toBeGreaterThan(flowChartHeight(both));
  });
});
