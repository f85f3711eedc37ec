import { Flex, Space, Table, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";

import { QueryError } from "@/components/PageStates";
import { useFormat } from "@/lib/format";
import { useUrlFilters } from "@/lib/url-state";

import { useUnfilled, type Fix, type MatchRun, type UnfilledSeats } from "../api/review";
import { candidateName } from "./shared";

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
      scroll={{ x: 1200 }}
      pagination={pagination(unfilled.data?.count)}
      columns={[
        {
          title: t("needs.fields.title"),
          width: 200,
          render: (_, entry) => (
            <>
              <Typography.Text strong>{entry.need.title}</Typography.Text>
              <br />
              <Typography.Text type="secondary">{format.name(entry.need.department)}</Typography.Text>
            </>
          ),
        },
        { title: t("review.emptySeats"), dataIndex: "seats", align: "right", width: 90 },
        {
          title: t("review.why"),
          render: (_, entry) => (
            <Lines lines={entry.reasons.map((reason) => t(`enums.unfilledReason.${reason.code}`))} />
          ),
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
          render: (_, entry) => <Lines lines={entry.other_fixes.map(fixText)} />,
        },
        {
          title: t("review.later"),
          render: (_, entry) => <FillLater entry={entry} />,
        },
      ]}
    />
  );
}

/** Sentences each on a line of its own: each begins with a capital, so a list would not read. */
function Lines({ lines }: { lines: string[] }) {
  return (
    <Flex vertical gap={4}>
      {lines.map((line) => (
        <span key={line}>{line}</span>
      ))}
    </Flex>
  );
}

/** Who could fill the seat later: people one level short of a must-have, and the study
 * groups where the skills asked are learnt. */
function FillLater({ entry }: { entry: UnfilledSeats }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (entry.one_level_short.length === 0 && entry.study_groups.length === 0) {
    return <Typography.Text type="secondary">—</Typography.Text>;
  }
  return (
    <Flex vertical gap={4}>
      {entry.one_level_short.length > 0 && (
        <Typography.Text>
          {t("review.oneLevelShort", {
            people: format.list(
              entry.one_level_short.map((short) =>
                t("review.shortOf", {
                  name: candidateName(t, short.person),
                  skill: format.name(short.skill),
                  level: short.level,
                  next: short.level + 1,
                }),
              ),
            ),
          })}
        </Typography.Text>
      )}
      {entry.study_groups.length > 0 && (
        <Space size={[8, 0]} wrap>
          <Typography.Text>{t("review.learnIn")}</Typography.Text>
          {entry.study_groups.map((group) => (
            <Link key={group.id} to={`/groups/${group.id}`}>
              {group.name}
            </Link>
          ))}
        </Space>
      )}
    </Flex>
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
