import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Card, Table, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";

import { QueryError } from "@/components/PageStates";
import { ProvenanceTag } from "@/components/tags";
import { api, unwrap, type Schemas } from "@/lib/api";
import { useFormat } from "@/lib/format";

type SkillChange = Schemas["SkillChange"];

const PAGE_SIZE = 10;

/** Each level a person's skills were set to, verified at or removed from, by whom and when:
 * on their profile and, for those allowed, on their page. */
export function SkillHistory({ personId }: { personId: number }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [page, setPage] = useState(1);
  const history = useQuery({
    queryKey: ["people", "skill-history", personId, page],
    queryFn: () =>
      unwrap(
        api.GET("/api/v1/people/{person_id}/skill-history/", {
          params: { path: { person_id: personId }, query: { page, page_size: PAGE_SIZE } },
        }),
      ),
    placeholderData: keepPreviousData,
  });

  return (
    <Card title={t("skillHistory.title")}>
      {history.isError ? (
        <QueryError error={history.error} />
      ) : (
        <Table<SkillChange>
          rowKey="id"
          size="small"
          loading={history.isFetching}
          dataSource={history.data?.results}
          locale={{
            emptyText: <Typography.Text type="secondary">{t("skillHistory.empty")}</Typography.Text>,
          }}
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total: history.data?.count,
            hideOnSinglePage: true,
            onChange: setPage,
          }}
          columns={[
            {
              title: t("skillHistory.when"),
              dataIndex: "changed_at",
              render: (time: string) => format.dateTime(time),
            },
            { title: t("needs.fields.skill"), render: (_, change) => format.name(change.skill) },
            {
              title: t("skillHistory.change"),
              render: (_, change) =>
                change.kind === "removed"
                  ? t("skillHistory.removed")
                  : t(`skillHistory.${change.kind}`, {
                      level: change.level === null ? "" : format.level(change.level),
                    }),
            },
            {
              title: t("profile.provenance"),
              responsive: ["sm"],
              render: (_, change) =>
                change.provenance ? <ProvenanceTag provenance={change.provenance} /> : "—",
            },
            {
              title: t("skillHistory.by"),
              dataIndex: "changed_by",
              render: (name: string | null) => name ?? t("skillHistory.nobody"),
            },
          ]}
        />
      )}
    </Card>
  );
}
