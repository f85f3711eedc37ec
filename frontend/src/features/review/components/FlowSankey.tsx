import { SankeyChart } from "echarts/charts";
import { TooltipComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { SVGRenderer } from "echarts/renderers";
import { useEffect, useRef } from "react";

import { labelWidth, type FlowChartOption } from "./flow-chart";

echarts.use([SankeyChart, TooltipComponent, SVGRenderer]);

/** The chart of who lends to whom. A module of its own, loaded lazily: the chart library comes
 * with it, not with every page. The chart is an image to assistive technology; the table beside
 * it gives the same numbers. */
export default function FlowSankey({
  option,
  height,
  label,
}: {
  option: FlowChartOption;
  height: number;
  label: string;
}) {
  const container = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const element = container.current;
    if (!element) {
      return;
    }
    const chart = echarts.init(element, undefined, { renderer: "svg" });
    // Labels of both sides meet in the middle: each gets half the width, cut beyond it.
    const fitLabels = () =>
      chart.setOption({ series: [{ label: { width: labelWidth(element.clientWidth) } }] });
    chart.setOption(option);
    fitLabels();
    // The chart follows its box (a window resized, the navigation folded, the tab shown again).
    const observer = new ResizeObserver(() => {
      chart.resize();
      fitLabels();
    });
    observer.observe(element);
    return () => {
      observer.disconnect();
      chart.dispose();
    };
  }, [option]);

  return <div ref={container} role="img" aria-label={label} style={{ width: "100%", height }} />;
}
