import { Card, Flex, Progress, Table, Typography } from "antd";
import type { ColumnsType } from "antd/es/table";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";

import { CsvDownload } from "@/components/CsvDownload";
import { QueryError } from "@/components/PageStates";
import type { Schemas } from "@/lib/api";
import { useFormat } from "@/lib/format";

import { useProgrammeCompletion, useWeekAttendance, type Week } from "../api/weeks";
import { SessionTime } from "./tags";

type Tally = Omit<Schemas["SessionTally"], "session">;

const TALLIES = ["registered", "on_time", "late", "left_early", "absent", "unmarked"] as const;

/** How those registered attended, per session and per department, for the week's organisers
(everyone) and department heads (their departments' people), with the CSV to take away. */
export function AttendancePanel({ week }: { week: Week }) {
  const { t } = useTranslation();
  const format = useFormat();
  const report = useWeekAttendance(week.id);

  if (report.isError) {
    return <QueryError error={report.error} />;
  }
  const counts: ColumnsType<Tally> = TALLIES.map((tally) => ({
    key: tally,
    title:
      tally === "registered"
        ? t("weeks.registeredCount")
        : tally === "unmarked"
          ? t("weeks.unmarked")
          : t(`enums.attendanceStatus.${tally}`),
    dataIndex: tally,
    align: "end",
  }));
  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Text type="secondary">
          {week.can_manage ? t("weeks.attendanceEveryone") : t("weeks.attendanceYourDepartments")}
        </Typography.Text>
        <CsvDownload path={`/api/v1/exchange-weeks/${week.id}/attendance.csv`}>
          {t("weeks.attendanceExport")}
        </CsvDownload>
      </Flex>
      <Card title={t("weeks.attendanceBySession")} size="small">
        <Table<Schemas["SessionTally"]>
          rowKey={(row) => row.session.id}
          loading={report.isPending}
          dataSource={report.data?.sessions}
          pagination={false}
          scroll={{ x: "max-content" }}
          locale={{ emptyText: t("weeks.noAttendance") }}
          columns={[
            {
              key: "session",
              title: t("weeks.session"),
              render: (_, row) => (
                <Flex vertical>
                  {week.can_manage ? (
                    <Link to={`/weeks/${week.id}/sessions/${row.session.id}/check-in`}>
                      {row.session.title}
                    </Link>
                  ) : (
                    row.session.title
                  )}
                  <SessionTime startsAt={row.session.starts_at} endsAt={row.session.ends_at} />
                </Flex>
              ),
            },
            ...(counts as ColumnsType<Schemas["SessionTally"]>),
          ]}
          summary={(rows) =>
            rows.length > 1 && (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0}>
                  <Typography.Text strong>{t("weeks.wholeWeek")}</Typography.Text>
                </Table.Summary.Cell>
                {TALLIES.map((tally, index) => (
                  <Table.Summary.Cell key={tally} index={index + 1} align="right">
                    <Typography.Text strong>
                      {format.number(rows.reduce((sum, row) => sum + row[tally], 0))}
                    </Typography.Text>
                  </Table.Summary.Cell>
                ))}
              </Table.Summary.Row>
            )
          }
        />
      </Card>
      <ProgrammeCompletion week={week} />
      <Card title={t("weeks.attendanceByDepartment")} size="small">
        <Table<Schemas["DepartmentTally"]>
          rowKey={(row) => row.department?.id ?? 0}
          loading={report.isPending}
          dataSource={report.data?.departments}
          pagination={false}
          scroll={{ x: "max-content" }}
          locale={{ emptyText: t("weeks.noAttendance") }}
          columns={[
            {
              key: "department",
              title: t("weeks.department"),
              render: (_, row) => (row.department ? format.name(row.department) : t("weeks.noDepartment")),
            },
            ...(counts as ColumnsType<Schemas["DepartmentTally"]>),
          ]}
        />
      </Card>
    </Flex>
  );
}

interface CompletionRow {
  key: string;
  department: Schemas["DepartmentBrief"];
  tier: Schemas["TierCompletion"];
}

/** The tiered programme: per department and tier, who attended every session mandatory for
their tier, and what the others missed. */
function ProgrammeCompletion({ week }: { week: Week }) {
  const { t } = useTranslation();
  const format = useFormat();
  const completion = useProgrammeCompletion(week.id);

  if (completion.isError) {
    return <QueryError error={completion.error} />;
  }
  const titles = new Map<number, string>();
  for (const { sessions } of completion.data?.mandatory ?? []) {
    for (const session of sessions) {
      titles.set(session.id, session.title);
    }
  }
  const rows: CompletionRow[] = (completion.data?.departments ?? []).flatMap(({ department, tiers }) =>
    tiers.map((tier) => ({ key: `${department.id}-${tier.tier}`, department, tier })),
  );
  return (
    <Card title={t("weeks.completionTitle")} size="small">
      <Flex vertical gap={12}>
        {completion.data?.mandatory.length === 0 ? (
          <Typography.Text type="secondary">{t("weeks.noMandatory")}</Typography.Text>
        ) : (
          <>
            {completion.data?.mandatory.map(({ tier, sessions }) => (
              <Typography.Text key={tier}>
                {t("weeks.mandatorySessions", {
                  tier: t(`enums.tier.${tier}`),
                  titles: format.list(sessions.map((session) => session.title)),
                })}
              </Typography.Text>
            ))}
            <Table<CompletionRow>
              rowKey="key"
              loading={completion.isPending}
              dataSource={rows}
              pagination={rows.length > 20 ? { pageSize: 20 } : false}
              scroll={{ x: "max-content" }}
              expandable={{
                rowExpandable: (row) => row.tier.missing.length > 0,
                expandedRowRender: (row) => (
                  <Flex vertical gap={4}>
                    {row.tier.missing.map(({ person, missed }) => (
                      <Typography.Text key={person.id}>
                        {t("weeks.missed", {
                          name: person.display_name,
                          titles: format.list(missed.map((id) => titles.get(id) ?? String(id))),
                        })}
                      </Typography.Text>
                    ))}
                  </Flex>
                ),
              }}
              columns={[
                {
                  key: "department",
                  title: t("weeks.department"),
                  render: (_, row) => format.name(row.department),
                },
                { key: "tier", title: t("weeks.tier"), render: (_, row) => t(`enums.tier.${row.tier.tier}`) },
                {
                  key: "completed",
                  title: t("weeks.completed"),
                  render: (_, row) => (
                    <Progress
                      style={{ minWidth: 160 }}
                      percent={row.tier.people ? Math.round((row.tier.completed / row.tier.people) * 100) : 0}
                      format={() =>
                        t("weeks.completedOf", { completed: row.tier.completed, people: row.tier.people })
                      }
                    />
                  ),
                },
              ]}
            />
          </>
        )}
      </Flex>
    </Card>
  );
}
