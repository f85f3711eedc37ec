import { PlusOutlined } from "@ant-design/icons";
import { Button, Card, Flex, Input, Select, Space, Table, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";

import { CsvDownload } from "@/components/CsvDownload";
import { DepartmentTreeSelect } from "@/components/DepartmentTreeSelect";
import { QueryError } from "@/components/PageStates";
import { NeedStatusTag, ToneTag } from "@/components/tags";
import { useFormat } from "@/lib/format";
import { hasRole, useMe } from "@/lib/session";
import { toNumber, useUrlFilters } from "@/lib/url-state";

import { useNeeds, type Need, type NeedStatus } from "../api/needs";

const STATUSES: NeedStatus[] = ["draft", "open", "filled", "closed"];

export function NeedsPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const me = useMe().data;
  const { values, page, pageSize, update, pagination } = useUrlFilters([
    "q",
    "status",
    "department",
    "skill",
  ] as const);
  const filters = {
    q: values.q,
    status: values.status as NeedStatus | undefined,
    department: toNumber(values.department),
    include_subdepartments: values.department ? true : undefined,
    skill: values.skill,
  };
  const needs = useNeeds({ ...filters, page, page_size: pageSize });
  const seesAllStatuses = hasRole(me, "hr", "admin", "dept_head");

  if (needs.isError) {
    return <QueryError error={needs.error} />;
  }
  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={2} style={{ margin: 0 }}>
          {t("needs.title")}
        </Typography.Title>
        <Space wrap>
          <CsvDownload path="/api/v1/needs.csv" filters={filters}>
            {t("needs.export")}
          </CsvDownload>
          {hasRole(me, "dept_head") && (
            <Link to="/needs/new">
              <Button type="primary" icon={<PlusOutlined aria-hidden />}>
                {t("needs.new")}
              </Button>
            </Link>
          )}
        </Space>
      </Flex>
      <Card>
        <Space wrap>
          <Input.Search
            aria-label={t("needs.searchTitle")}
            placeholder={t("needs.searchTitle")}
            allowClear
            defaultValue={values.q}
            onSearch={(q) => update({ q })}
            style={{ width: 220 }}
          />
          <Input.Search
            aria-label={t("needs.searchSkill")}
            placeholder={t("needs.searchSkill")}
            allowClear
            defaultValue={values.skill}
            onSearch={(skill) => update({ skill })}
            style={{ width: 200 }}
          />
          <DepartmentTreeSelect
            aria-label={t("needs.department")}
            allowClear
            value={toNumber(values.department)}
            onChange={(department) => update({ department: department as number | undefined })}
          />
          {seesAllStatuses && (
            <Select<NeedStatus>
              aria-label={t("needs.status")}
              placeholder={t("needs.status")}
              allowClear
              value={values.status as NeedStatus | undefined}
              onChange={(status) => update({ status })}
              options={STATUSES.map((status) => ({ value: status, label: t(`enums.needStatus.${status}`) }))}
              style={{ width: 140 }}
            />
          )}
        </Space>
      </Card>
      <Table<Need>
        rowKey="id"
        loading={needs.isFetching}
        dataSource={needs.data?.results}
        locale={{ emptyText: t("needs.empty") }}
        scroll={{ x: 900 }}
        pagination={pagination(needs.data?.count)}
        columns={[
          {
            title: t("needs.fields.title"),
            dataIndex: "title",
            render: (title: string, need) => <Link to={`/needs/${need.id}`}>{title}</Link>,
          },
          {
            title: t("needs.department"),
            render: (_, need) => format.name(need.department),
          },
          {
            title: t("needs.status"),
            dataIndex: "status",
            render: (status: NeedStatus) => <NeedStatusTag status={status} />,
          },
          { title: t("needs.fields.headcount"), dataIndex: "headcount", align: "right" },
          {
            title: t("needs.fields.period"),
            render: (_, need) => `${format.date(need.start_date)} – ${format.date(need.end_date)}`,
          },
          {
            title: t("needs.requirements"),
            render: (_, need) => (
              <Space size={[0, 4]} wrap>
                {need.requirements.map((requirement) => (
                  <ToneTag key={requirement.skill.id} tone={requirement.must ? "blue" : "neutral"}>
                    {format.name(requirement.skill)} ≥ {requirement.min_level}
                  </ToneTag>
                ))}
              </Space>
            ),
          },
        ]}
      />
    </Flex>
  );
}
