import { App, Breadcrumb, Card, Flex, QRCode, Select, Space, Table, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";

import { Loading, NotAvailable, QueryError } from "@/components/PageStates";
import { isApiError } from "@/lib/api";
import { useErrorText } from "@/lib/errors";
import { useFormat } from "@/lib/format";
import { useNow } from "@/lib/useNow";

import {
  ATTENDANCE_STATUSES,
  useCheckInCode,
  useMarkAttendance,
  useRoster,
  useSession,
  type RosterEntry,
  type Session,
} from "../api/weeks";
import { AttendanceTag, SessionTime } from "./tags";

/** The organiser's screen in the room: the code of this minute, large, with its QR code, and
the roster, read again every few seconds, to mark those who cannot check in themselves. */
export function CheckInScreen() {
  const { t } = useTranslation();
  const params = useParams();
  const session = useSession(Number(params.sessionId));

  if (session.isError) {
    return isApiError(session.error, 404) ? (
      <NotAvailable reason="not_found" />
    ) : (
      <QueryError error={session.error} />
    );
  }
  if (session.isPending) {
    return <Loading />;
  }
  return (
    <Flex vertical gap={16}>
      <Breadcrumb
        items={[
          { title: <Link to="/weeks">{t("weeks.title")}</Link> },
          {
            title: (
              <Link to={`/weeks/${session.data.week}/sessions/${session.data.id}`}>{session.data.title}</Link>
            ),
          },
          { title: t("weeks.checkIn") },
        ]}
      />
      <Typography.Title level={2} style={{ margin: 0 }}>
        {t("weeks.checkInTitle", { title: session.data.title })}
      </Typography.Title>
      <SessionTime startsAt={session.data.starts_at} endsAt={session.data.ends_at} />
      <CodePanel session={session.data} />
      <Roster session={session.data} />
    </Flex>
  );
}

function CodePanel({ session }: { session: Session }) {
  const { t } = useTranslation();
  const format = useFormat();
  const state = useCheckInCode(session.id);
  const now = useNow(1000);

  if (state.isError) {
    return <QueryError error={state.error} />;
  }
  if (state.isPending) {
    return <Loading />;
  }
  const { code, valid_until: validUntil, opens_at: opensAt } = state.data;
  if (!code || !validUntil) {
    return (
      <Card>
        <Typography.Text>
          {new Date(opensAt).getTime() > now
            ? t("weeks.checkInOpensAt", { time: format.dateTime(opensAt) })
            : t("weeks.checkInClosed")}
        </Typography.Text>
      </Card>
    );
  }
  const link = `${window.location.origin}/check-in?session=${session.id}&code=${code}`;
  const seconds = Math.max(0, Math.ceil((new Date(validUntil).getTime() - now) / 1000));
  return (
    <Card>
      <Flex wrap gap={32} align="center" justify="center">
        <QRCode value={link} size={240} bordered={false} aria-label={t("weeks.checkInQr")} />
        <Space orientation="vertical" align="center">
          <Typography.Text type="secondary">{t("weeks.checkInCode")}</Typography.Text>
          <Typography.Text
            strong
            data-testid="check-in-code"
            style={{ fontSize: 64, letterSpacing: "0.2em", fontVariantNumeric: "tabular-nums" }}
          >
            {code}
          </Typography.Text>
          <Typography.Text type="secondary" aria-live="off">
            {t("weeks.codeChangesIn", { count: seconds })}
          </Typography.Text>
          <Typography.Text>{t("weeks.checkInHow")}</Typography.Text>
        </Space>
      </Flex>
    </Card>
  );
}

function Roster({ session }: { session: Session }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const format = useFormat();
  const errorText = useErrorText();
  const roster = useRoster(session.id, true);
  const mark = useMarkAttendance(session.id);

  if (roster.isError) {
    return <QueryError error={roster.error} />;
  }
  const present = (roster.data ?? []).filter(
    (entry) => entry.status === "on_time" || entry.status === "late",
  ).length;
  return (
    <Card
      title={t("weeks.roster")}
      extra={roster.data && t("weeks.rosterCount", { present, count: roster.data.length })}
    >
      <Table<RosterEntry>
        rowKey={(entry) => entry.person.id}
        loading={roster.isPending}
        dataSource={roster.data}
        pagination={false}
        scroll={{ x: "max-content" }}
        columns={[
          { key: "name", title: t("weeks.person"), render: (_, entry) => entry.person.display_name },
          {
            key: "department",
            title: t("weeks.department"),
            render: (_, entry) => (entry.department ? format.name(entry.department) : "—"),
          },
          {
            key: "status",
            title: t("weeks.attendance"),
            render: (_, entry) => <AttendanceTag status={entry.status} />,
          },
          {
            key: "checkedIn",
            title: t("weeks.checkedInAt"),
            render: (_, entry) => (entry.checked_in_at ? format.time(entry.checked_in_at) : "—"),
          },
          {
            key: "checkedOut",
            title: t("weeks.checkedOutAt"),
            render: (_, entry) => (entry.checked_out_at ? format.time(entry.checked_out_at) : "—"),
          },
          {
            key: "mark",
            title: t("weeks.mark"),
            fixed: "end",
            render: (_, entry) => (
              <Select
                aria-label={t("weeks.markPerson", { name: entry.person.display_name })}
                placeholder={t("weeks.markPlaceholder")}
                value={entry.status ?? undefined}
                style={{ width: 140 }}
                disabled={mark.isPending}
                options={ATTENDANCE_STATUSES.map((status) => ({
                  value: status,
                  label: t(`enums.attendanceStatus.${status}`),
                }))}
                onChange={(status) =>
                  mark.mutate(
                    { person: entry.person.id, status },
                    {
                      onSuccess: () => void message.success(t("common.saved")),
                      onError: (error) => void message.error(errorText(error)),
                    },
                  )
                }
              />
            ),
          },
        ]}
      />
    </Card>
  );
}
