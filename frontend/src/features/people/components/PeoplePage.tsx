import { Card, Flex, Grid, Input, Select, Table, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";

import { CsvDownload } from "@/components/CsvDownload";
import { DepartmentTreeSelect } from "@/components/DepartmentTreeSelect";
import { QueryError } from "@/components/PageStates";
import { SkillTags } from "@/components/tags";
import { SKILL_LEVELS, useFormat } from "@/lib/format";
import { hasRole, useMe } from "@/lib/session";
import { toNumber, useUrlFilters } from "@/lib/url-state";

import { usePeople, type Person, type Tier } from "../api/people";

const TIERS: Tier[] = ["leader", "general", "specialist"];

/** Find colleagues across departments by name, department, tier and skill. */
export function PeoplePage() {
  const { t } = useTranslation();
  const format = useFormat();
  const screens = Grid.useBreakpoint();
  // On a phone each filter takes the card's width, one under another.
  const filterWidth = (width: number) => (screens.sm === false ? "100%" : width);
  const { values, page, pageSize, update, pagination } = useUrlFilters([
    "q",
    "department",
    "tier",
    "skill",
    "skill_level",
  ] as const);
  const filters = {
    q: values.q,
    department: toNumber(values.department),
    include_subdepartments: values.department ? true : undefined,
    tier: values.tier as Tier | undefined,
    skill: values.skill,
    skill_level: values.skill ? toNumber(values.skill_level) : undefined,
  };
  const people = usePeople({ ...filters, page, page_size: pageSize });
  const mayExport = hasRole(useMe().data, "hr", "admin");

  if (people.isError) {
    return <QueryError error={people.error} />;
  }
  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={2} style={{ margin: 0 }}>
          {t("people.title")}
        </Typography.Title>
        {mayExport && (
          <CsvDownload path="/api/v1/people.csv" filters={filters}>
            {t("people.export")}
          </CsvDownload>
        )}
      </Flex>
      <Card>
        <Flex wrap gap={8}>
          <Input.Search
            aria-label={t("people.searchName")}
            placeholder={t("people.searchName")}
            allowClear
            defaultValue={values.q}
            onSearch={(q) => update({ q })}
            style={{ width: filterWidth(220) }}
          />
          <DepartmentTreeSelect
            aria-label={t("people.fields.department")}
            allowClear
            value={toNumber(values.department)}
            onChange={(department) => update({ department: department as number | undefined })}
            style={{ width: filterWidth(280) }}
          />
          <Select<Tier>
            aria-label={t("people.fields.tier")}
            placeholder={t("people.fields.tier")}
            allowClear
            value={values.tier as Tier | undefined}
            onChange={(tier) => update({ tier })}
            options={TIERS.map((tier) => ({ value: tier, label: t(`enums.tier.${tier}`) }))}
            style={{ width: filterWidth(160) }}
          />
          <Input.Search
            aria-label={t("people.searchSkill")}
            placeholder={t("people.searchSkill")}
            allowClear
            defaultValue={values.skill}
            onSearch={(skill) => update({ skill })}
            style={{ width: filterWidth(220) }}
          />
          <Select<number>
            aria-label={t("people.minLevel")}
            placeholder={t("people.minLevel")}
            allowClear
            disabled={!values.skill}
            value={toNumber(values.skill_level)}
            onChange={(level) => update({ skill_level: level })}
            options={SKILL_LEVELS.map((level) => ({ value: level, label: format.level(level) }))}
            style={{ width: filterWidth(160) }}
          />
        </Flex>
      </Card>
      <Table<Person>
        rowKey="id"
        loading={people.isFetching}
        dataSource={people.data?.results}
        locale={{ emptyText: t("people.empty") }}
        // Below md the table keeps the columns that tell colleagues apart and reach them (name,
        // department, position, phone) and fits the screen; from md on it shows all and scrolls.
        scroll={screens.md ? { x: 900 } : undefined}
        size={screens.sm === false ? "small" : undefined}
        pagination={pagination(people.data?.count)}
        columns={[
          {
            title: t("people.fields.name"),
            width: screens.md ? 110 : undefined,
            render: (_, person) => (
              <Link to={`/people/${person.id}`} style={{ whiteSpace: "nowrap" }}>
                {person.display_name}
              </Link>
            ),
          },
          { title: t("people.fields.employeeNumber"), dataIndex: "employee_number", responsive: ["md"] },
          {
            title: t("people.fields.department"),
            render: (_, person) => (person.department ? format.name(person.department) : "—"),
          },
          { title: t("people.fields.position"), dataIndex: "position", responsive: ["sm"] },
          {
            title: t("people.fields.tier"),
            render: (_, person) => t(`enums.tier.${person.tier}`),
            responsive: ["md"],
          },
          {
            title: t("people.fields.skills"),
            render: (_, person) => <SkillTags skills={person.skills} />,
            responsive: ["md"],
          },
          { title: t("people.fields.phone"), dataIndex: "phone" },
        ]}
      />
    </Flex>
  );
}
