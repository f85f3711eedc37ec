import { PlusOutlined } from "@ant-design/icons";
import {
  App,
  Badge,
  Button,
  Card,
  Checkbox,
  Col,
  Empty,
  Flex,
  Grid,
  Input,
  Pagination,
  Row,
  Select,
  Space,
  Typography,
} from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";

import { DepartmentTreeSelect } from "@/components/DepartmentTreeSelect";
import { Loading, QueryError } from "@/components/PageStates";
import { ToneTag } from "@/components/tags";
import type { Schemas } from "@/lib/api";
import { useFormat } from "@/lib/format";
import { useMe } from "@/lib/session";
import { toNumber, useUrlFilters } from "@/lib/url-state";

import { isFull, useCreateGroup, useGroups, type Group } from "../api/groups";
import { useGroupDecisions, useLiveUnreadCounts } from "../hooks/useLiveGroups";
import { GroupForm } from "./GroupForm";
import { MyStanding } from "./MyStanding";

const TIERS: Schemas["TierEnum"][] = ["leader", "general", "specialist"];

/** Browse and search the cross-department study groups; start one. */
export function GroupsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  const create = useCreateGroup();
  const screens = Grid.useBreakpoint();
  // On a phone each filter takes the card's width, one under another.
  const filterWidth = (width: number) => (screens.sm === false ? "100%" : width);
  const { values, page, pageSize, update } = useUrlFilters([
    "q",
    "skill",
    "department",
    "target_tier",
    "mine",
  ] as const);
  const groups = useGroups({
    q: values.q,
    skill: values.skill,
    department: toNumber(values.department),
    target_tier: values.target_tier as Schemas["TierEnum"] | undefined,
    mine: values.mine === "true" ? true : undefined,
    page,
    page_size: pageSize,
  });
  const myId = useMe().data?.id ?? 0;
  useGroupDecisions();
  useLiveUnreadCounts(groups.data?.results ?? [], myId);

  if (groups.isError) {
    return <QueryError error={groups.error} />;
  }
  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={2} style={{ margin: 0 }}>
          {t("groups.title")}
        </Typography.Title>
        <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setCreating(true)}>
          {t("groups.create")}
        </Button>
      </Flex>
      <Card>
        <Flex wrap gap={8} align="center">
          <Input.Search
            aria-label={t("groups.search")}
            placeholder={t("groups.search")}
            allowClear
            defaultValue={values.q}
            onSearch={(q) => update({ q })}
            style={{ width: filterWidth(220) }}
          />
          <Input.Search
            aria-label={t("groups.searchSkill")}
            placeholder={t("groups.searchSkill")}
            allowClear
            defaultValue={values.skill}
            onSearch={(skill) => update({ skill })}
            style={{ width: filterWidth(200) }}
          />
          <DepartmentTreeSelect
            aria-label={t("groups.department")}
            placeholder={t("groups.department")}
            allowClear
            value={toNumber(values.department)}
            onChange={(department) => update({ department: department as number | undefined })}
            style={{ width: filterWidth(280) }}
          />
          <Select<Schemas["TierEnum"]>
            aria-label={t("groups.fields.tier")}
            placeholder={t("groups.fields.tier")}
            allowClear
            value={values.target_tier as Schemas["TierEnum"] | undefined}
            onChange={(tier) => update({ target_tier: tier })}
            options={TIERS.map((tier) => ({ value: tier, label: t(`enums.tier.${tier}`) }))}
            style={{ width: filterWidth(160) }}
          />
          <Checkbox
            checked={values.mine === "true"}
            onChange={(event) => update({ mine: event.target.checked ? "true" : undefined })}
          >
            {t("groups.mine")}
          </Checkbox>
        </Flex>
      </Card>
      {groups.isPending ? (
        <Loading />
      ) : groups.data.results.length === 0 ? (
        <Empty description={t("groups.empty")} />
      ) : (
        <Row gutter={[16, 16]}>
          {groups.data.results.map((group) => (
            <Col key={group.id} xs={24} md={12} xl={8}>
              <GroupCard group={group} />
            </Col>
          ))}
        </Row>
      )}
      <Flex justify="flex-end">
        <Pagination
          current={page}
          pageSize={pageSize}
          total={groups.data?.count ?? 0}
          showTotal={(total) => t("common.total", { count: total })}
          onChange={(nextPage, nextSize) => update({ page: nextPage, page_size: nextSize })}
          hideOnSinglePage
        />
      </Flex>
      <GroupForm
        open={creating}
        saving={create.isPending}
        onCancel={() => setCreating(false)}
        onSave={(input) =>
          create.mutateAsync(input).then((group) => {
            setCreating(false);
            void message.success(t("groups.created"));
            void navigate(`/groups/${group.id}`);
          })
        }
      />
    </Flex>
  );
}

function GroupCard({ group }: { group: Group }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Card
      size="small"
      title={
        <Flex gap={8} align="center">
          <Link
            to={`/groups/${group.id}`}
            style={{ minWidth: 0, overflow: "hidden", textOverflow: "ellipsis" }}
          >
            {group.name}
          </Link>
          <Badge count={group.unread_count ?? 0} size="small" />
        </Flex>
      }
    >
      <Flex vertical gap={8}>
        <Space size={4} wrap>
          {isFull(group) && <ToneTag tone="amber">{t("groups.full")}</ToneTag>}
          <ToneTag>{t(`enums.joinPolicy.${group.join_policy}`)}</ToneTag>
        </Space>
        {group.description && (
          <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ margin: 0 }}>
            {group.description}
          </Typography.Paragraph>
        )}
        <Space size={[4, 4]} wrap>
          {group.skills.map((skill) => (
            <ToneTag key={skill.id} tone="blue">
              {format.name(skill)}
            </ToneTag>
          ))}
        </Space>
        <Typography.Text type="secondary">
          {group.capacity
            ? t("groups.membersOf", { count: group.member_count, capacity: group.capacity })
            : t("groups.memberCount", { count: group.member_count })}
          {group.departments.length > 0 &&
            ` · ${t("groups.departmentsCount", { count: group.departments.length })}`}
          {group.target_tier && ` · ${t(`enums.tier.${group.target_tier}`)}`}
        </Typography.Text>
        <Flex justify="space-between" align="center">
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t("groups.lastActive", { when: format.dateTime(group.last_activity_at) })}
          </Typography.Text>
          <MyStanding group={group} />
        </Flex>
      </Flex>
    </Card>
  );
}
