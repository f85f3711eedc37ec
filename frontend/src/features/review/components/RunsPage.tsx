import { PlayCircleOutlined } from "@ant-design/icons";
import { App, Button, Card, Checkbox, Flex, Space, Table, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";

import { QueryError } from "@/components/PageStates";
import { useFormat } from "@/lib/format";
import { useUrlFilters } from "@/lib/url-state";

import { useMatchRuns, useStartRun, type MatchRun } from "../api/review";
import { useRunFrames } from "./shared";
import { RunStatusTag } from "./StatusTags";

/** HR's runs of the matcher: start one, and open any to review its suggestions. */
export function RunsPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { page, pageSize, pagination } = useUrlFilters([] as const);
  const runs = useMatchRuns(page, pageSize);
  const start = useStartRun();
  const [blind, setBlind] = useState(false);
  useRunFrames();

  if (runs.isError) {
    return <QueryError error={runs.error} />;
  }
  const onStart = () =>
    start.mutate(
      { blind },
      {
        onSuccess: (run) => {
          void message.info(t("review.queued"));
          void navigate(`/review/runs/${run.id}`);
        },
      },
    );
  return (
    <Flex vertical gap={16}>
      <Typography.Title level={2} style={{ margin: 0 }}>
        {t("review.title")}
      </Typography.Title>
      <Card>
        <Flex vertical gap={12} align="flex-start">
          <Typography.Text>{t("review.startHint")}</Typography.Text>
          <Checkbox checked={blind} onChange={(event) => setBlind(event.target.checked)}>
            {t("review.blind")}
          </Checkbox>
          <Space wrap>
            <Button
              type="primary"
              icon={<PlayCircleOutlined aria-hidden />}
              loading={start.isPending}
              onClick={onStart}
            >
              {t("review.start")}
            </Button>
            <Link to="/review/pool">{t("review.pool")}</Link>
            <Link to="/review/flow">{t("review.flowUnderWay")}</Link>
          </Space>
        </Flex>
      </Card>
      <Table<MatchRun>
        rowKey="id"
        loading={runs.isFetching}
        dataSource={runs.data?.results}
        locale={{ emptyText: t("review.empty") }}
        scroll={{ x: 800 }}
        pagination={pagination(runs.data?.count)}
        columns={[
          {
            title: t("review.startedAt"),
            render: (_, run) => (
              <Link to={`/review/runs/${run.id}`}>
                {t("review.run", { id: run.id })} · {format.dateTime(run.created_at)}
              </Link>
            ),
          },
          { title: t("review.startedBy"), dataIndex: "started_by" },
          { title: t("review.status"), render: (_, run) => <RunStatusTag run={run} /> },
          {
            title: t("review.suggestions"),
            render: (_, run) => {
              const counts = run.suggestions;
              const total = Object.values(counts).reduce((sum, count) => sum + count, 0);
              return t("review.proposedOf", { proposed: counts.proposed + counts.held, total });
            },
          },
          {
            title: t("review.totalFit"),
            align: "right",
            render: (_, run) => (run.total_fit === null ? "—" : format.fit(run.total_fit)),
          },
          { title: t("review.emptySeats"), dataIndex: "unfilled_seats", align: "right" },
        ]}
      />
    </Flex>
  );
}
