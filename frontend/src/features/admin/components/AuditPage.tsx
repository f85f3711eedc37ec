import { Card, DatePicker, Flex, Input, Space, Table, Typography } from "antd";
import dayjs from "dayjs";
import { useTranslation } from "react-i18next";

import { QueryError } from "@/components/PageStates";
import { PersonSelect } from "@/components/PersonSelect";
import { useFormat } from "@/lib/format";
import { toNumber, useUrlFilters } from "@/lib/url-state";

import { useAuditEvents, type AuditEvent } from "../api/admin";

function describe(values: AuditEvent["before"]): string {
  return values ? JSON.stringify(values) : "";
}

/** The audit trail: who did what to what, when and from where; filtered, newest first. */
export function AuditPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { values, page, pageSize, update, pagination } = useUrlFilters([
    "actor",
    "action",
    "object_type",
    "object_id",
    "since",
    "until",
  ] as const);
  const events = useAuditEvents({
    actor: toNumber(values.actor),
    action: values.action,
    object_type: values.object_type,
    object_id: values.object_id,
    since: values.since,
    until: values.until,
    page,
    page_size: pageSize,
  });

  if (events.isError) {
    return <QueryError error={events.error} />;
  }
  return (
    <Flex vertical gap={16}>
      <Typography.Title level={2} style={{ margin: 0 }}>
        {t("audit.title")}
      </Typography.Title>
      <Card>
        <Space wrap>
          <PersonSelect
            aria-label={t("audit.actor")}
            placeholder={t("audit.actor")}
            allowClear
            value={toNumber(values.actor)}
            onChange={(actor) => update({ actor })}
          />
          <Input.Search
            aria-label={t("audit.action")}
            placeholder={t("audit.actionPlaceholder")}
            allowClear
            defaultValue={values.action}
            onSearch={(action) => update({ action })}
            style={{ width: 200 }}
          />
          <Input.Search
            aria-label={t("audit.objectType")}
            placeholder={t("audit.objectTypePlaceholder")}
            allowClear
            defaultValue={values.object_type}
            onSearch={(objectType) => update({ object_type: objectType })}
            style={{ width: 200 }}
          />
          <DatePicker.RangePicker
            aria-label={t("audit.period")}
            placeholder={[t("audit.since"), t("audit.until")]}
            value={[
              values.since ? dayjs(values.since) : null,
              values.until ? dayjs(values.until).subtract(1, "day") : null,
            ]}
            onChange={(range) =>
              update({
                since: range?.[0]?.startOf("day").toISOString(),
                until: range?.[1]?.add(1, "day").startOf("day").toISOString(),
              })
            }
          />
        </Space>
      </Card>
      <Table<AuditEvent>
        rowKey="id"
        size="small"
        loading={events.isFetching}
        dataSource={events.data?.results}
        locale={{ emptyText: t("audit.empty") }}
        scroll={{ x: 1000 }}
        pagination={pagination(events.data?.count)}
        columns={[
          {
            title: t("audit.time"),
            dataIndex: "created_at",
            render: (time: string) => format.dateTime(time),
            width: 170,
          },
          {
            title: t("audit.actor"),
            dataIndex: "actor_label",
            render: (label: string) => label || t("audit.system"),
          },
          {
            title: t("audit.action"),
            dataIndex: "action",
            render: (action: string) => <Typography.Text code>{action}</Typography.Text>,
          },
          {
            title: t("audit.object"),
            render: (_, event) =>
              event.object_type ? (
                <>
                  {event.object_label}{" "}
                  <Typography.Text code>
                    {event.object_type} #{event.object_id}
                  </Typography.Text>
                </>
              ) : (
                "—"
              ),
          },
          {
            title: t("audit.change"),
            render: (_, event) => (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {[describe(event.before), describe(event.after)].filter(Boolean).join(" → ")}
              </Typography.Text>
            ),
          },
          {
            title: t("audit.address"),
            dataIndex: "source_address",
            render: (address: string | null) => address ?? "—",
          },
        ]}
      />
    </Flex>
  );
}
