import { Card, Flex, Table, Typography } from "antd";
import { useMemo, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";

import { Loading, QueryError } from "@/components/PageStates";
import { LOCALE_TAGS } from "@/lib/i18n";
import { useFormat } from "@/lib/format";

import { useSecondmentFlow, type ApprovalTime, type DepartmentApprovals } from "../api/review";
import { DEPARTMENT_WIDTH, DepartmentFlow } from "./DepartmentFlow";

/** Up to this many hours a wait reads in hours; longer, in days. */
const HOURS_SHOWN_UP_TO = 48;

/** The secondments under way between departments, for HR: who lends to whom, each
 * department's balance, and how long each department takes to approve its side. */
export function FlowPage() {
  const { t } = useTranslation();
  const flow = useSecondmentFlow();
  const links = useMemo(
    () =>
      flow.data?.links.map((link) => ({
        lending: link.lending_department,
        receiving: link.receiving_department,
        count: link.secondments,
        firm: link.active,
      })) ?? [],
    [flow.data],
  );

  if (flow.isError) {
    return <QueryError error={flow.error} />;
  }
  return (
    <Flex vertical gap={16}>
      <Typography.Title level={2} style={{ margin: 0 }}>
        {t("flow.underWayTitle")}
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t("flow.underWayHint")} <Link to="/secondments">{t("flow.toSecondments")}</Link>
      </Typography.Paragraph>
      {flow.data ? (
        <>
          <DepartmentFlow
            links={links}
            balance={flow.data.balance}
            countTitle={t("flow.secondments")}
            firmTitle={t("flow.active")}
            empty={t("flow.emptyUnderWay")}
          />
          <ApprovalTimes rows={flow.data.approval_times} />
        </>
      ) : (
        <Loading />
      )}
    </Flex>
  );
}

/** "5 h", "3.5 d": a time in hours, in the unit that reads best; "—" for none. */
function useDuration() {
  const { t } = useTranslation();
  const { language } = useFormat();
  const number = new Intl.NumberFormat(LOCALE_TAGS[language], { maximumFractionDigits: 1 });
  return (hours: number | null) => {
    if (hours === null) {
      return "—";
    }
    return hours <= HOURS_SHOWN_UP_TO
      ? t("flow.hours", { value: number.format(hours) })
      : t("flow.days", { value: number.format(hours / 24) });
  };
}

/** Who holds on to people: per department, as lender and as receiver, how long its approvals
 * took and how long the secondments still waiting for it have waited. */
function ApprovalTimes({ rows }: { rows: DepartmentApprovals[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const duration = useDuration();
  const cells: [string, (time: ApprovalTime) => ReactNode][] = [
    [t("flow.approvals"), (time) => time.approvals],
    [t("flow.median"), (time) => duration(time.median_hours)],
    [t("flow.longest"), (time) => duration(time.longest_hours)],
    [t("flow.waiting"), (time) => time.waiting],
    [t("flow.oldestWaiting"), (time) => duration(time.oldest_waiting_hours)],
  ];
  const side = (key: "lending" | "receiving", title: string) => ({
    title,
    children: cells.map(([cellTitle, value]) => ({
      title: cellTitle,
      align: "right" as const,
      width: 88,
      render: (_: unknown, row: DepartmentApprovals) => value(row[key]),
    })),
  });
  return (
    <Card title={t("flow.approvalTitle")} size="small">
      <Typography.Paragraph type="secondary">{t("flow.approvalHint")}</Typography.Paragraph>
      <Table<DepartmentApprovals>
        rowKey={(row) => row.department.id}
        dataSource={rows}
        locale={{ emptyText: t("flow.noApprovals") }}
        pagination={false}
        size="small"
        bordered
        scroll={{ x: "max-content" }}
        columns={[
          {
            title: t("flow.department"),
            fixed: "start",
            width: DEPARTMENT_WIDTH,
            render: (_, row) => format.name(row.department),
          },
          side("lending", t("flow.asLender")),
          side("receiving", t("flow.asReceiver")),
        ]}
      />
    </Card>
  );
}
