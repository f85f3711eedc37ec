import type { SankeySeriesOption } from "echarts/charts";
import type { TooltipComponentOption } from "echarts/components";
import type { ComposeOption } from "echarts/core";

import type { Schemas } from "@/lib/api";

export type FlowChartOption = ComposeOption<SankeySeriesOption | TooltipComponentOption>;

type Department = Schemas["DepartmentBrief"];

/** People of one department going to another: ``count`` in all, ``firm`` of them decided (an
 * accepted suggestion, a secondment started). */
export interface FlowLink {
  lending: Department;
  receiving: Department;
  count: number;
  firm: number;
}

/** What the chart says, in the reader's language. */
export interface FlowChartTexts {
  name: (department: Department) => string;
  link: (from: string, to: string, count: number) => string;
}

/** One colour per department, the same on both sides; dark enough for white text beside it. */
const PALETTE = ["#1668dc", "#389e0d", "#d46b08", "#c41d7f", "#08979c", "#531dab", "#7c6f00", "#cf1322"];

/** Pixels per department on the taller side, and the least height of the chart. */
const ROW_HEIGHT = 44;
const MIN_HEIGHT = 200;

/** The room a label has: half the chart, less the padding, the node and the gap beside it. */
export function labelWidth(chartWidth: number): number {
  return Math.max(0, chartWidth / 2 - 32);
}

const lenderNode = (department: Department) => `lends:${department.id}`;
const receiverNode = (department: Department) => `receives:${department.id}`;

/** ECharts puts a tooltip's text into the page as HTML: names are escaped first. */
function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

/** How tall the chart of ``links`` is drawn: enough for the side with more departments. */
export function flowChartHeight(links: FlowLink[]): number {
  const lenders = new Set(links.map((link) => link.lending.id)).size;
  const receivers = new Set(links.map((link) => link.receiving.id)).size;
  return Math.max(MIN_HEIGHT, Math.max(lenders, receivers) * ROW_HEIGHT);
}

/** The Sankey of who lends to whom. A Sankey cannot draw a cycle, and departments lend to each
 * other (A → B and B → A), so each department is two nodes: lending, on the left, and receiving,
 * on the right, both in its colour. */
export function flowChartOption(links: FlowLink[], texts: FlowChartTexts): FlowChartOption {
  const departments = new Map<number, Department>();
  for (const link of links) {
    departments.set(link.lending.id, link.lending);
    departments.set(link.receiving.id, link.receiving);
  }
  const colours = new Map([...departments.keys()].map((id, index) => [id, PALETTE[index % PALETTE.length]]));
  const names = new Map<string, string>();
  const nodes: NonNullable<SankeySeriesOption["data"]> = [];
  for (const [node, side, position] of [
    [lenderNode, "lending", "right"],
    [receiverNode, "receiving", "left"],
  ] as const) {
    const seen = new Set<number>();
    for (const link of links) {
      const department = link[side];
      if (!seen.has(department.id)) {
        seen.add(department.id);
        names.set(node(department), texts.name(department));
        nodes.push({
          name: node(department),
          itemStyle: { color: colours.get(department.id) },
          label: { position },
        });
      }
    }
  }
  const linkTexts = links.map((link) =>
    texts.link(texts.name(link.lending), texts.name(link.receiving), link.count),
  );
  return {
    tooltip: {
      trigger: "item",
      formatter: (params) => {
        const item = Array.isArray(params) ? params[0] : params;
        const text =
          item?.dataType === "edge"
            ? linkTexts[item.dataIndex]
            : `${names.get(item?.name ?? "") ?? ""}: ${String(item?.value ?? "")}`;
        return escapeHtml(text ?? "");
      },
    },
    series: [
      {
        type: "sankey",
        left: 8,
        right: 8,
        top: 8,
        bottom: 8,
        nodeWidth: 14,
        nodeGap: 12,
        draggable: false,
        emphasis: { focus: "adjacency" },
        label: {
          formatter: (params) => names.get(params.name) ?? params.name,
          // Cut to the half of the chart each side's labels have (``labelWidth``).
          overflow: "truncate",
          color: "rgba(0, 0, 0, 0.88)",
          textBorderColor: "#fff",
          textBorderWidth: 3,
        },
        lineStyle: { color: "source", opacity: 0.35, curveness: 0.5 },
        data: nodes,
        links: links.map((link) => ({
          source: lenderNode(link.lending),
          target: receiverNode(link.receiving),
          value: link.count,
        })),
      },
    ],
  };
}
