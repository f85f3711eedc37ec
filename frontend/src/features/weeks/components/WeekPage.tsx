import { EditOutlined } from "@ant-design/icons";
import { App, Breadcrumb, Button, Card, Flex, Popconfirm, Space, Tabs, Typography } from "antd";
import { useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";

import { Loading, NotAvailable, QueryError } from "@/components/PageStates";
import { ToneTag } from "@/components/tags";
import { isApiError } from "@/lib/api";
import { useErrorText } from "@/lib/errors";
import { useFormat } from "@/lib/format";
import { hasRole, useMe } from "@/lib/session";

import { useMyRegistrations, useUpdateWeek, useWeek, type Week } from "../api/weeks";
import { useSessionNews } from "../hooks/useLiveWeeks";
import { AttendancePanel } from "./AttendancePanel";
import { ProgrammePanel } from "./ProgrammePanel";
import { RoomsPanel } from "./RoomsPanel";
import { VersionsPanel } from "./VersionsPanel";
import { WeekStatusTag } from "./tags";
import { WeekForm } from "./WeekForm";

/** What the page shows in its conversation tab: the week's chat, opened on a session's topic
when one is asked for (composed by the app). */
export type WeekChatSlot = (room: number, myId: number, topic?: number) => ReactNode;

/** One exchange week: its programme to register for and its conversation; its organisers
also build it here. */
export function WeekPage({ chat }: { chat: WeekChatSlot }) {
  const { t } = useTranslation();
  const params = useParams();
  const id = Number(params.id);
  const week = useWeek(id);
  const me = useMe();
  const mine = useMyRegistrations();
  const [tab, setTab] = useState("programme");
  const [topic, setTopic] = useState<number | undefined>(undefined);
  useSessionNews();

  if (week.isError) {
    return isApiError(week.error, 404) ? (
      <NotAvailable reason="not_found" />
    ) : (
      <QueryError error={week.error} />
    );
  }
  if (week.isPending) {
    return <Loading />;
  }
  // The week's conversation is for its organisers and those holding or waiting for a seat.
  const inConversation =
    week.data.can_manage ||
    (mine.data?.results ?? []).some((registration) => registration.session.week === week.data.id);
  return (
    <Flex vertical gap={16}>
      <Breadcrumb
        items={[{ title: <Link to="/weeks">{t("weeks.title")}</Link> }, { title: week.data.title }]}
      />
      <WeekHeader week={week.data} />
      <Tabs
        activeKey={tab}
        onChange={(key) => {
          setTab(key);
          setTopic(undefined);
        }}
        items={[
          {
            key: "programme",
            label: t("weeks.programme"),
            children: (
              <ProgrammePanel
                week={week.data}
                highlighted={Number(params.sessionId) || undefined}
                onDiscuss={
                  inConversation
                    ? (sessionTopic) => {
                        setTopic(sessionTopic);
                        setTab("conversation");
                      }
                    : undefined
                }
              />
            ),
          },
          ...(inConversation && me.data
            ? [
                {
                  key: "conversation",
                  label: t("weeks.conversation"),
                  children: chat(week.data.room, me.data.id, topic),
                },
              ]
            : []),
          {
            key: "rooms",
            label: t("weeks.rooms"),
            children: <RoomsPanel week={week.data} />,
          },
          {
            key: "versions",
            label: t("weeks.versions"),
            children: <VersionsPanel week={week.data} />,
          },
          ...((week.data.can_manage || hasRole(me.data, "dept_head")) && week.data.status !== "draft"
            ? [
                {
                  key: "attendance",
                  label: t("weeks.attendance"),
                  children: <AttendancePanel week={week.data} />,
                },
              ]
            : []),
        ]}
      />
    </Flex>
  );
}

function WeekHeader({ week }: { week: Week }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const format = useFormat();
  const errorText = useErrorText();
  const update = useUpdateWeek(week.id);
  const [editing, setEditing] = useState(false);
  const move = (status: "published" | "closed") =>
    update.mutate(
      { status },
      {
        onSuccess: () =>
          void message.success(t(status === "published" ? "weeks.publishedNow" : "weeks.closedNow")),
        onError: (error) => void message.error(errorText(error)),
      },
    );
  return (
    <Card>
      <Flex justify="space-between" align="flex-start" wrap gap={16}>
        <Space orientation="vertical" size={4} style={{ minWidth: 0, flex: "1 1 320px" }}>
          <Space wrap>
            <Typography.Title level={2} style={{ margin: 0 }}>
              {week.title}
            </Typography.Title>
            <WeekStatusTag status={week.status} />
          </Space>
          <Typography.Text>
            {format.date(week.start_date)} – {format.date(week.end_date)}
          </Typography.Text>
          {week.theme && <Typography.Paragraph style={{ margin: 0 }}>{week.theme}</Typography.Paragraph>}
          <Space wrap size={4}>
            {week.target_tiers.length === 0 ? (
              <ToneTag>{t("weeks.everyTier")}</ToneTag>
            ) : (
              week.target_tiers.map((tier) => (
                <ToneTag key={tier} tone="blue">
                  {t(`enums.tier.${tier}`)}
                </ToneTag>
              ))
            )}
          </Space>
          <Typography.Text type="secondary">
            {t("weeks.organisedBy", {
              names: format.list(week.organisers.map((person) => person.display_name)),
            })}
          </Typography.Text>
          {week.calendar && (
            <Typography.Text type="secondary">
              {t("weeks.programmeCalendar")}{" "}
              <Typography.Text copyable={{ text: `${window.location.origin}${week.calendar}` }}>
                <a href={week.calendar} style={{ textDecoration: "underline" }}>
                  {t("weeks.programmeCalendarLink")}
                </a>
              </Typography.Text>
            </Typography.Text>
          )}
        </Space>
        {week.can_manage && week.status !== "closed" && (
          <Space wrap>
            <Button icon={<EditOutlined aria-hidden />} onClick={() => setEditing(true)}>
              {t("weeks.edit")}
            </Button>
            {week.status === "draft" && (
              <Popconfirm
                title={t("weeks.publishConfirm")}
                okText={t("weeks.publish")}
                cancelText={t("common.cancel")}
                onConfirm={() => move("published")}
              >
                <Button type="primary" loading={update.isPending}>
                  {t("weeks.publish")}
                </Button>
              </Popconfirm>
            )}
            {week.status === "published" && (
              <Popconfirm
                title={t("weeks.closeConfirm")}
                okText={t("weeks.close")}
                cancelText={t("common.cancel")}
                onConfirm={() => move("closed")}
              >
                <Button loading={update.isPending}>{t("weeks.close")}</Button>
              </Popconfirm>
            )}
          </Space>
        )}
      </Flex>
      <WeekForm
        open={editing}
        week={week}
        saving={update.isPending}
        onCancel={() => setEditing(false)}
        onSave={(input) =>
          update.mutateAsync(input).then(() => {
            setEditing(false);
            void message.success(t("common.saved"));
          })
        }
      />
    </Card>
  );
}
