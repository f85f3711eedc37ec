import { Button, Card, Flex, Input, Table, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";

import { QueryError } from "@/components/PageStates";
import type { Schemas } from "@/lib/api";
import { useDepartmentTree } from "@/lib/departments";
import { useFormat } from "@/lib/format";
import { hasRole, useMe } from "@/lib/session";

import { DepartmentRules } from "./DepartmentRules";

type Department = Schemas["DepartmentTree"];
interface Row extends Omit<Department, "children"> {
  children?: Row[];
}

/** The tree, keeping the branches that lead to a department matching ``text``. */
function prune(nodes: Department[], matches: (node: Department) => boolean): Row[] {
  return nodes.flatMap((node) => {
    const children = prune(node.children, matches);
    if (!matches(node) && children.length === 0) {
      return [];
    }
    return [{ ...node, children: children.length > 0 ? children : undefined }];
  });
}

function allIds(rows: Row[]): number[] {
  return rows.flatMap((row) => [row.id, ...allIds(row.children ?? [])]);
}

/** The departments of the city as a tree, with their headcount and open talent needs; HR and
 * administrators open a department's secondment rules from its row. */
export function DepartmentsPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const tree = useDepartmentTree();
  const { data: me } = useMe();
  const setsRules = hasRole(me, "hr", "admin");
  const [text, setText] = useState("");
  const [collapsed, setCollapsed] = useState<Set<number>>(new Set());
  const [editing, setEditing] = useState<number | null>(null);

  if (tree.isError) {
    return <QueryError error={tree.error} />;
  }
  const needle = text.trim().toLowerCase();
  const rows = prune(
    tree.data ?? [],
    (node) =>
      !needle || [node.code, node.name_zh, node.name_en].some((name) => name.toLowerCase().includes(needle)),
  );
  return (
    <Flex vertical gap={16}>
      <Typography.Title level={2} style={{ margin: 0 }}>
        {t("departments.title")}
      </Typography.Title>
      <Card>
        <Input.Search
          aria-label={t("departments.search")}
          placeholder={t("departments.search")}
          allowClear
          onChange={(event) => setText(event.target.value)}
          style={{ maxWidth: 320 }}
        />
      </Card>
      <Table<Row>
        rowKey="id"
        loading={tree.isPending}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 720 }}
        expandable={{
          expandedRowKeys: allIds(rows).filter((id) => !collapsed.has(id)),
          onExpand: (expanded, row) =>
            setCollapsed((previous) => {
              const next = new Set(previous);
              if (expanded) {
                next.delete(row.id);
              } else {
                next.add(row.id);
              }
              return next;
            }),
        }}
        locale={{ emptyText: t("departments.empty") }}
        columns={[
          {
            title: t("departments.name"),
            render: (_, row) => (
              <Flex vertical>
                <Typography.Text strong>{format.name(row)}</Typography.Text>
                <Typography.Text type="secondary">
                  {format.otherName(row)} · {row.code}
                </Typography.Text>
              </Flex>
            ),
          },
          {
            title: t("departments.headcount"),
            dataIndex: "headcount",
            align: "right",
            render: (headcount: number) => format.number(headcount),
          },
          {
            title: t("departments.openNeeds"),
            dataIndex: "open_need_count",
            align: "right",
            render: (count: number, row) =>
              count > 0 ? (
                <Link to={`/needs?department=${row.id}&status=open`}>{format.number(count)}</Link>
              ) : (
                0
              ),
          },
          {
            title: t("departments.releaseCap"),
            dataIndex: "release_cap_percent",
            align: "right",
            render: (percent: number) => `${percent}%`,
          },
          ...(setsRules
            ? [
                {
                  title: t("common.actions"),
                  key: "rules",
                  fixed: "end" as const,
                  render: (_: unknown, row: Row) => (
                    <Button
                      size="small"
                      aria-label={t("departments.editRulesOf", { name: format.name(row) })}
                      onClick={() => setEditing(row.id)}
                    >
                      {t("departments.editRules")}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      {editing !== null && <DepartmentRules departmentId={editing} onClose={() => setEditing(null)} />}
    </Flex>
  );
}
