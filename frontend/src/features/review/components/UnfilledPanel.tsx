import { Table, Typography } from "antd";
import { useTranslation } from "react-i18next";

import { QueryError } from "@/components/PageStates";
import { useFormat } from "@/lib/format";
import { useUrlFilters } from "@/lib/url-state";

import { useUnfilled, type Fix, type MatchRun, type UnfilledSeats } from "../api/review";

/** The seats a run left empty: why, and the smallest change that would fill one. */
export function UnfilledPanel({ run }: { run: MatchRun }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { page, pageSize, pagination } = useUrlFilters([] as const);
  const unfilled = useUnfilled(run.id, page, pageSize);
  const fixText = useFixText();

  if (unfilled.isError) {
    return <QueryError error={unfilled.error} />;
  }
  return (
    <Table<UnfilledSeats>
      rowKey="id"
      loading={unfilled.isFetching}
      dataSource={unfilled.data?.results}
      locale={{ emptyText: t("review.emptyUnfilled") }}
      scroll={{ x: 800 }}
      pagination={pagination(unfilled.data?.count)}
      columns={[
        {
          title: t("needs.fields.title"),
          render: (_, entry) => (
            <>
              <Typography.Text strong>{entry.need.title}</Typography.Text>
              <br />
              <Typography.Text type="secondary">{format.name(entry.need.department)}</Typography.Text>
            </>
          ),
        },
        { title: t("review.emptySeats"), dataIndex: "seats", align: "right" },
        {
          title: t("review.why"),
          render: (_, entry) =>
            format.list(entry.reasons.map((reason) => t(`enums.unfilledReason.${reason.code}`))),
        },
        {
          title: t("review.fix"),
          render: (_, entry) => (
            <>
              {fixText(entry.fix)}
              <br />
              <Typography.Text type="secondary">
                {t("review.candidates", { count: entry.fix.candidates })}
              </Typography.Text>
            </>
          ),
        },
        {
          title: t("review.otherFixes"),
          render: (_, entry) => format.list(entry.other_fixes.map(fixText)),
        },
      ]}
    />
  );
}

function useFixText() {
  const { t } = useTranslation();
  const format = useFormat();
  return (fix: Fix) =>
    t(`enums.fixKind.${fix.kind}`, {
      department: fix.department ? format.name(fix.department) : "",
      skill: fix.skill ? format.name(fix.skill) : "",
      level: fix.level ?? "",
    });
}
