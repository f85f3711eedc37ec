import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { DatePicker, Flex, Input, Select, Space, Table, Typography } from "antd";
import dayjs from "dayjs";
import { useTranslation } from "react-i18next";

import { DepartmentTreeSelect } from "@/components/DepartmentTreeSelect";
import { QueryError } from "@/components/PageStates";
import { ToneTag } from "@/components/tags";
import { api, unwrap, type Schemas } from "@/lib/api";
import { useFormat } from "@/lib/format";
import { useUrlFilters } from "@/lib/url-state";

type PoolEntry = Schemas["PoolEntry"];
type Standing = PoolEntry["standing"];

const TIERS = ["general", "leader", "specialist"] as const;
const STANDINGS: Standing[] = ["free", "seconded", "cooling_off"];
const STANDING_TONES = { free: "green", seconded: "blue", cooling_off: "amber" } as const;
/** Skills shown per person; the rest are counted. */
const SKILLS_SHOWN = 4;

/** Who opted in to be seconded, for HR: where they would like to go, when, with what skills,
 * and whether the next run considers them. */
export function PoolPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { values, update, page, pageSize, pagination } = useUrlFilters([
    "department",
    "skill",
    "tier",
    "available_on",
    "standing",
  ] as const);
  const pool = useQuery({
    queryKey: ["secondment-pool", values, page, pageSize],
    queryFn: () =>
      unwrap(
        api.GET("/api/v1/secondment-pool/", {
          params: {
            query: {
              ...values,
              department: values.department ? Number(values.department) : undefined,
              include_subdepartments: values.department ? true : undefined,
              tier: values.tier as (typeof TIERS)[number] | undefined,
              standing: values.standing as Standing | undefined,
              page,
              page_size: pageSize,
            },
          },
        }),
      ),
    placeholderData: keepPreviousData,
  });

  return (
    <Flex vertical gap={16}>
      <Typography.Title level={2} style={{ margin: 0 }}>
        {t("pool.title")}
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t("pool.hint")}
      </Typography.Paragraph>
      <Space wrap>
        <DepartmentTreeSelect
          aria-label={t("pool.department")}
          placeholder={t("pool.department")}
          allowClear
          value={values.department ? Number(values.department) : undefined}
          onChange={(department) => update({ department: department as number | undefined })}
        />
        <Input.Search
          aria-label={t("pool.skill")}
          placeholder={t("pool.skill")}
          allowClear
          defaultValue={values.skill}
          onSearch={(skill) => update({ skill })}
          style={{ width: 180 }}
        />
        <Select
          aria-label={t("pool.tier")}
          placeholder={t("pool.tier")}
          allowClear
          value={values.tier}
          onChange={(tier) => update({ tier })}
          options={TIERS.map((tier) => ({ value: tier, label: t(`enums.tier.${tier}`) }))}
          style={{ width: 160 }}
        />
        <DatePicker
          aria-label={t("pool.availableOn")}
          placeholder={t("pool.availableOn")}
          value={values.available_on ? dayjs(values.available_on) : null}
          onChange={(day) => update({ available_on: day ? day.format("YYYY-MM-DD") : undefined })}
        />
        <Select
          aria-label={t("pool.standing")}
          placeholder={t("pool.standing")}
          allowClear
          value={values.standing}
          onChange={(standing) => update({ standing })}
          options={STANDINGS.map((standing) => ({ value: standing, label: t(`pool.standings.${standing}`) }))}
          style={{ width: 160 }}
        />
      </Space>
      {pool.isError ? (
        <QueryError error={pool.error} />
      ) : (
        <Table<PoolEntry>
          rowKey="id"
          loading={pool.isFetching}
          dataSource={pool.data?.results}
          locale={{ emptyText: t("pool.empty") }}
          scroll={{ x: 1000 }}
          pagination={pagination(pool.data?.count)}
          columns={[
            {
              title: t("pool.person"),
              width: 180,
              render: (_, entry) => (
                <>
                  <Typography.Text strong>{entry.person.display_name}</Typography.Text>{" "}
                  <Typography.Text type="secondary" style={{ whiteSpace: "nowrap" }}>
                    {entry.person.employee_number}
                  </Typography.Text>
                  <br />
                  <Typography.Text type="secondary">
                    {entry.person.department ? format.name(entry.person.department) : "—"} ·{" "}
                    {t(`enums.tier.${entry.person.tier}`)}
                  </Typography.Text>
                </>
              ),
            },
            {
              title: t("pool.window"),
              render: (_, entry) =>
                `${format.date(entry.available_from)} – ${
                  entry.available_to ? format.date(entry.available_to) : t("pool.openEnded")
                } · ${entry.time_share_percent}%`,
            },
            {
              title: t("pool.preferred"),
              render: (_, entry) =>
                entry.preferred_departments.length > 0
                  ? format.list(entry.preferred_departments.map((department) => format.name(department)))
                  : t("pool.anywhere"),
            },
            {
              title: t("pool.skills"),
              render: (_, entry) => (
                <Flex wrap gap={4}>
                  {entry.person.skills.slice(0, SKILLS_SHOWN).map((held) => (
                    <ToneTag key={held.skill.id}>
                      {format.name(held.skill)} {held.level} · {t(`enums.provenance.${held.provenance}`)}
                    </ToneTag>
                  ))}
                  {entry.person.skills.length > SKILLS_SHOWN && (
                    <Typography.Text type="secondary">
                      {t("pool.moreSkills", { count: entry.person.skills.length - SKILLS_SHOWN })}
                    </Typography.Text>
                  )}
                </Flex>
              ),
            },
            {
              title: t("pool.standing"),
              width: 140,
              render: (_, entry) => (
                <ToneTag tone={STANDING_TONES[entry.standing]}>
                  {t(`pool.standings.${entry.standing}`)}
                </ToneTag>
              ),
            },
          ]}
        />
      )}
    </Flex>
  );
}
