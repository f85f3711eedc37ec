import { Card, Empty, Flex, Table, Typography } from "antd";
import { lazy, Suspense, useMemo } from "react";
import { useTranslation } from "react-i18next";

import { Loading, QueryError } from "@/components/PageStates";
import { useFormat } from "@/lib/format";

import { useRunFlow, type DepartmentBalance, type MatchRun } from "../api/review";
import { flowChartHeight, flowChartOption, type FlowLink } from "./flow-chart";

const FlowSankey = lazy(() => import("./FlowSankey"));

const TIERS = ["leader", "general", "specialist"] as const;
/** Pixels of the department column of a table of numbers: two lines hold most names. */
export const DEPARTMENT_WIDTH = 160;

/** Who lends to whom, as a chart and as a table of the same numbers, then each department's
 * balance (lent and received, in all and per tier). ``countTitle`` and ``firmTitle`` name what
 * a link counts (suggestions, of which accepted; secondments, of which started). */
export function DepartmentFlow({
  links,
  balance,
  countTitle,
  firmTitle,
  empty,
}: {
  links: FlowLink[];
  balance: DepartmentBalance[];
  countTitle: string;
  firmTitle: string;
  empty: string;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const option = useMemo(
    () =>
      flowChartOption(links, {
        name: format.name,
        link: (from, to, count) => t("flow.tooltipLink", { from, to, count }),
      }),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- format.name changes with the language only
    [links, format.language, t],
  );

  if (links.length === 0) {
    return <Empty description={empty} />;
  }
  return (
    <Flex vertical gap={16}>
      <Card title={t("flow.pairsTitle")} size="small">
        <Flex justify="space-between" aria-hidden>
          <Typography.Text type="secondary">{t("flow.lends")}</Typography.Text>
          <Typography.Text type="secondary">{t("flow.receives")}</Typography.Text>
        </Flex>
        <Suspense fallback={<Loading />}>
          <FlowSankey option={option} height={flowChartHeight(links)} label={t("flow.chartLabel")} />
        </Suspense>
        <Table<FlowLink>
          rowKey={(link) => `${link.lending.id}-${link.receiving.id}`}
          dataSource={links}
          pagination={false}
          size="small"
          scroll={{ x: 560 }}
          columns={[
            { title: t("flow.lending"), render: (_, link) => format.name(link.lending) },
            { title: t("flow.receiving"), render: (_, link) => format.name(link.receiving) },
            { title: countTitle, dataIndex: "count", align: "right" },
            { title: firmTitle, dataIndex: "firm", align: "right" },
          ]}
        />
      </Card>
      <Card title={t("flow.balanceTitle")} size="small">
        <Typography.Paragraph type="secondary">{t("flow.balanceHint")}</Typography.Paragraph>
        <Table<DepartmentBalance>
          rowKey={(row) => row.department.id}
          dataSource={balance}
          pagination={false}
          size="small"
          bordered
          scroll={{ x: 720 }}
          columns={[
            {
              title: t("flow.department"),
              fixed: "start",
              width: DEPARTMENT_WIDTH,
              render: (_, row) => format.name(row.department),
            },
            {
              title: t("flow.inAll"),
              children: [
                { title: t("flow.lent"), dataIndex: "lent", align: "right" },
                { title: t("flow.received"), dataIndex: "received", align: "right" },
              ],
            },
            ...TIERS.map((tier, index) => ({
              title: t(`enums.tier.${tier}`),
              children: [
                {
                  title: t("flow.lent"),
                  align: "right" as const,
                  render: (_: unknown, row: DepartmentBalance) => row.tiers[index]?.lent,
                },
                {
                  title: t("flow.received"),
                  align: "right" as const,
                  render: (_: unknown, row: DepartmentBalance) => row.tiers[index]?.received,
                },
              ],
            })),
          ]}
        />
      </Card>
    </Flex>
  );
}

/** The flow tab of a run: its suggestions still standing, between departments. */
export function RunFlowPanel({ run }: { run: MatchRun }) {
  const { t } = useTranslation();
  const flow = useRunFlow(run.id);
  const links = useMemo(
    () =>
      flow.data?.links.map((link) => ({
        lending: link.lending_department,
        receiving: link.receiving_department,
        count: link.suggestions,
        firm: link.accepted,
      })) ?? [],
    [flow.data],
  );

  if (flow.isError) {
    return <QueryError error={flow.error} />;
  }
  if (!flow.data) {
    return <Loading />;
  }
  return (
    <Flex vertical gap={16}>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t("flow.runHint")}
      </Typography.Paragraph>
      <DepartmentFlow
        links={links}
        balance={flow.data.balance}
        countTitle={t("flow.suggestions")}
        firmTitle={t("flow.accepted")}
        empty={t("flow.emptyRun")}
      />
    </Flex>
  );
}
