import { Card, DatePicker, Flex, Input, Space, Table, Typography } from "antd";
import dayjs from "dayjs";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";

import { CsvDownload } from "@/components/CsvDownload";
import { QueryError } from "@/components/PageStates";
import { PersonSelect } from "@/components/PersonSelect";
import { useFormat } from "@/lib/format";
import { toNumber, useUrlFilters } from "@/lib/url-state";

import { useAuditEvents, type AuditEvent } from "../api/admin";

/** Where the web app shows an object the trail names, for the kinds it has a page for. */
const PAGES: Record<string, string> = {
  "accounts.user": "/people",
  "secondments.talentneed": "/needs",
  "groups.studygroup": "/groups",
  "events.exchangeweek": "/weeks",
};

function AuditObject({ event }: { event: AuditEvent }) {
  if (!event.object_type) {
    return "—";
  }
  const page = PAGES[event.object_type];
  const label = event.object_label || `#${event.object_id}`;
  return (
    <Flex vertical>
      {page ? <Link to={`${page}/${event.object_id}`}>{label}</Link> : label}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {event.object_type_label} #{event.object_id}
      </Typography.Text>
    </Flex>
  );
}

function AuditChanges({ event }: { event: AuditEvent }) {
  if (event.changes.length === 0) {
    return "—";
  }
  return (
    <ul className="audit-changes">
      {event.changes.map((change) => (
        <li key={change.key}>
          <Typography.Text type="secondary">{change.field}: </Typography.Text>
          {/* Values as the trail recorded them (names, titles, filters): not the interface's text. */}
          <span translate="no">
            {change.before && change.after ? (
              <>
                <del>{change.before}</del> → <ins>{change.after}</ins>
              </>
            ) : (
              change.before || change.after
            )}
          </span>
        </li>
      ))}
    </ul>
  );
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
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={2} style={{ margin: 0 }}>
          {t("audit.title")}
        </Typography.Title>
        <CsvDownload path="/api/v1/audit-events.csv" filters={values}>
          {t("audit.export")}
        </CsvDownload>
      </Flex>
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
            width: 150,
            render: (_, event) =>
              event.actor !== null && event.actor_name ? (
                <Link to={`/people/${event.actor}`}>{event.actor_name}</Link>
              ) : (
                event.actor_label || t("audit.system")
              ),
          },
          {
            title: t("audit.action"),
            width: 200,
            render: (_, event) => (
              <Flex vertical>
                {event.action_label}
                <Typography.Text code style={{ fontSize: 12, alignSelf: "flex-start" }}>
                  {event.action}
                </Typography.Text>
              </Flex>
            ),
          },
          { title: t("audit.object"), width: 220, render: (_, event) => <AuditObject event={event} /> },
          { title: t("audit.change"), render: (_, event) => <AuditChanges event={event} /> },
          {
            title: t("audit.address"),
            dataIndex: "source_address",
            width: 130,
            render: (address: string | null) => address ?? "—",
          },
        ]}
      />
    </Flex>
  );
}
