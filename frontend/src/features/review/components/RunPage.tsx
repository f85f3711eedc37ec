import { Alert, Card, Descriptions, Flex, Tabs, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";

import { CsvDownload } from "@/components/CsvDownload";
import { Loading, QueryError } from "@/components/PageStates";
import { ToneTag } from "@/components/tags";
import { useFormat } from "@/lib/format";
import { useUrlFilters } from "@/lib/url-state";

import { useMatchRun } from "../api/review";
import { RunFlowPanel } from "./DepartmentFlow";
import { useRunFrames } from "./shared";
import { RunStatusTag } from "./StatusTags";
import { SuggestionsPanel } from "./SuggestionsPanel";
import { UnfilledPanel } from "./UnfilledPanel";
import { WhatIfPanel } from "./WhatIfPanel";

/** One run of the matcher: where it stands, then its suggestions to decide, the seats it left
 * empty, what-if and who it would move between departments. */
export function RunPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const id = Number(useParams().id);
  const run = useMatchRun(id);
  const { values, update } = useUrlFilters(["tab"] as const);
  useRunFrames();

  if (run.isError) {
    return <QueryError error={run.error} />;
  }
  if (!run.data) {
    return <Loading />;
  }
  const current = run.data;
  return (
    <Flex vertical gap={16}>
      <Flex align="center" gap={12} wrap>
        <Typography.Title level={2} style={{ margin: 0 }}>
          {t("review.run", { id: current.id })}
        </Typography.Title>
        <RunStatusTag run={current} />
        {current.blind && <ToneTag tone="amber">{t("review.blindTag")}</ToneTag>}
        {current.status === "done" && (
          <CsvDownload
            path={`/api/v1/match-runs/${current.id}/decisions.csv`}
            style={{ marginInlineStart: "auto" }}
          >
            {t("review.export")}
          </CsvDownload>
        )}
      </Flex>
      <Card>
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2, lg: 3 }}
          items={[
            { key: "by", label: t("review.startedBy"), children: current.started_by },
            { key: "at", label: t("review.startedAt"), children: format.dateTime(current.created_at) },
            { key: "people", label: t("review.people"), children: current.people_count },
            { key: "seats", label: t("review.seats"), children: current.seat_count },
            {
              key: "fit",
              label: t("review.totalFit"),
              children: current.total_fit === null ? "—" : format.fit(current.total_fit),
            },
            { key: "empty", label: t("review.emptySeats"), children: current.unfilled_seats },
          ]}
        />
      </Card>
      {(current.status === "queued" || current.status === "running") && (
        <Alert type="info" showIcon title={t("review.running")} />
      )}
      {current.status === "failed" && (
        <Alert type="error" showIcon title={t("review.failed", { error: current.error })} />
      )}
      {current.status === "done" && (
        <Tabs
          activeKey={values.tab ?? "suggestions"}
          onChange={(tab) => update({ tab })}
          items={[
            {
              key: "suggestions",
              label: t("review.tabs.suggestions"),
              children: <SuggestionsPanel run={current} />,
            },
            {
              key: "unfilled",
              label: `${t("review.tabs.unfilled")} (${current.unfilled_seats})`,
              children: <UnfilledPanel run={current} />,
            },
            { key: "what-if", label: t("review.tabs.whatIf"), children: <WhatIfPanel run={current} /> },
            { key: "flow", label: t("review.tabs.flow"), children: <RunFlowPanel run={current} /> },
          ]}
        />
      )}
    </Flex>
  );
}
