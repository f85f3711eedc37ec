import { PlusOutlined, TableOutlined } from "@ant-design/icons";
import { App, Button, Card, Empty, Flex, Grid, Popconfirm, Space, Typography } from "antd";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";

import { Loading, QueryError } from "@/components/PageStates";
import { ToneTag } from "@/components/tags";
import { ApiError } from "@/lib/api";
import { useErrorText } from "@/lib/errors";
import { useFormat } from "@/lib/format";
import { useMe } from "@/lib/session";

import {
  useCancelSession,
  useUpdateSession,
  useCreateSession,
  useRegistration,
  useWeekSessions,
  type Session,
  type Week,
} from "../api/weeks";
import { ReadFeedback } from "./Feedback";
import { SessionForm } from "./SessionForm";
import { TimetableButton } from "./TimetableDrawer";
import { RegistrationTag, SessionTime } from "./tags";

/** The week's sessions day by day, then those whose time is still to come; register here. */
export function ProgrammePanel({
  week,
  highlighted,
  onDiscuss,
}: {
  week: Week;
  highlighted?: number;
  onDiscuss?: (topic: number) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const format = useFormat();
  const sessions = useWeekSessions(week.id);
  const create = useCreateSession(week.id);
  const [adding, setAdding] = useState(false);

  if (sessions.isError) {
    return <QueryError error={sessions.error} />;
  }
  if (sessions.isPending) {
    return <Loading />;
  }
  const days = new Map<string, Session[]>();
  for (const session of sessions.data) {
    const day = session.starts_at ? format.day(session.starts_at) : t("weeks.timeToCome");
    days.set(day, [...(days.get(day) ?? []), session]);
  }
  const editable = week.can_manage && week.status !== "closed";
  return (
    <Flex vertical gap={16}>
      {editable && (
        <Flex justify="flex-end" gap={8} wrap>
          <Link to={`/weeks/${week.id}/schedule`}>
            <Button icon={<TableOutlined aria-hidden />} tabIndex={-1}>
              {t("weeks.scheduleEditor")}
            </Button>
          </Link>
          <TimetableButton week={week} />
          <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setAdding(true)}>
            {t("weeks.addSession")}
          </Button>
        </Flex>
      )}
      {sessions.data.length === 0 ? (
        <Empty description={t("weeks.noSessions")} />
      ) : (
        [...days].map(([day, daySessions]) => (
          <section key={day} aria-label={day}>
            <Typography.Title level={3} style={{ fontSize: 18 }}>
              {day}
            </Typography.Title>
            <Flex vertical gap={12}>
              {daySessions.map((session) => (
                <SessionCard
                  key={session.id}
                  session={session}
                  week={week}
                  highlighted={session.id === highlighted}
                  onDiscuss={onDiscuss}
                />
              ))}
            </Flex>
          </section>
        ))
      )}
      <SessionForm
        open={adding}
        weekId={week.id}
        saving={create.isPending}
        onCancel={() => setAdding(false)}
        onSave={(input) =>
          create.mutateAsync(input).then(() => {
            setAdding(false);
            void message.success(t("weeks.sessionAdded"));
          })
        }
      />
    </Flex>
  );
}

function SessionCard({
  session,
  week,
  highlighted,
  onDiscuss,
}: {
  session: Session;
  week: Week;
  highlighted: boolean;
  onDiscuss?: (topic: number) => void;
}) {
  const { t } = useTranslation();
  const screens = Grid.useBreakpoint();
  const format = useFormat();
  const card = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (highlighted) {
      card.current?.scrollIntoView({ block: "center" });
    }
  }, [highlighted]);
  const speakers = session.speakers.map((speaker) => speaker.user?.display_name ?? speaker.name);
  return (
    <Card
      ref={card}
      size="small"
      aria-label={session.title}
      style={highlighted ? { borderColor: "#1677ff", boxShadow: "0 0 0 2px #bae0ff" } : undefined}
    >
      <Flex justify="space-between" align="flex-start" wrap gap={12}>
        <Space orientation="vertical" size={4} style={{ minWidth: 0, flex: "1 1 320px" }}>
          <Space wrap size={8}>
            <SessionTime startsAt={session.starts_at} endsAt={session.ends_at} withDate={false} />
            <ToneTag tone="blue">{t(`enums.sessionKind.${session.kind}`)}</ToneTag>
            {session.cancelled && <ToneTag tone="red">{t("weeks.cancelled")}</ToneTag>}
          </Space>
          <Typography.Text strong style={{ fontSize: 16 }}>
            {session.title}
          </Typography.Text>
          {session.description && (
            <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
              {session.description}
            </Typography.Paragraph>
          )}
          <Typography.Text type="secondary">
            {[
              session.room?.name ?? t("weeks.noRoomYet"),
              speakers.length > 0 ? t("weeks.speakers", { names: format.list(speakers) }) : null,
            ]
              .filter(Boolean)
              .join(" · ")}
          </Typography.Text>
          <Space wrap size={4}>
            {session.target_tiers.map((tier) => (
              <ToneTag key={tier}>{t("weeks.forTier", { tier: t(`enums.tier.${tier}`) })}</ToneTag>
            ))}
            {session.mandatory_for.map((tier) => (
              <ToneTag key={tier} tone="amber">
                {t("weeks.mandatoryFor", { tier: t(`enums.tier.${tier}`) })}
              </ToneTag>
            ))}
            {session.skills.map((skill) => (
              <ToneTag key={skill.id}>{format.name(skill)}</ToneTag>
            ))}
          </Space>
        </Space>
        <Flex vertical align={screens.md ? "flex-end" : "flex-start"} gap={8}>
          <Typography.Text>
            {session.seats === null
              ? t("weeks.registeredNoLimit", { count: session.registered_count })
              : t("weeks.seatsTaken", { taken: session.registered_count, seats: session.seats })}
            {session.waitlist_count > 0 && ` · ${t("weeks.waiting", { count: session.waitlist_count })}`}
          </Typography.Text>
          {session.my_registration && (
            <RegistrationTag
              status={session.my_registration.status}
              position={session.my_registration.position}
            />
          )}
          <SessionActions session={session} week={week} onDiscuss={onDiscuss} />
        </Flex>
      </Flex>
    </Card>
  );
}

function SessionActions({
  session,
  week,
  onDiscuss,
}: {
  session: Session;
  week: Week;
  onDiscuss?: (topic: number) => void;
}) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const errorText = useErrorText();
  const registration = useRegistration();
  const cancelSession = useCancelSession();
  const updateSession = useUpdateSession(session.id);
  const [editing, setEditing] = useState(false);
  const me = useMe();
  const over = session.ends_at !== null && new Date(session.ends_at) <= new Date();
  const open = week.status === "published" && !session.cancelled && !over;
  const speaks = session.speakers.some((speaker) => speaker.user && speaker.user.id === me.data?.id);

  const register = (despiteClash = false) =>
    registration.mutate(
      { session: session.id, action: "register", despiteClash },
      {
        onSuccess: (result) =>
          void message.success(
            result && "status" in result && result.status === "waitlisted"
              ? t("weeks.waitlistedNow", { position: result.position })
              : t("weeks.registeredNow"),
          ),
        onError: (error) => {
          if (error instanceof ApiError && error.errors[0]?.code === "clash") {
            modal.confirm({
              title: t("weeks.clashTitle"),
              content: error.errors[0].message,
              okText: t("weeks.registerAnyway"),
              cancelText: t("common.cancel"),
              onOk: () => register(true),
            });
            return;
          }
          void message.error(errorText(error));
        },
      },
    );
  const giveUp = () =>
    registration.mutate(
      { session: session.id, action: "cancel" },
      {
        onSuccess: () => void message.success(t("weeks.cancelledRegistration")),
        onError: (error) => void message.error(errorText(error)),
      },
    );

  const giveUpText =
    session.my_registration?.status === "waitlisted"
      ? t("weeks.leaveWaitlist")
      : t("weeks.cancelRegistration");
  return (
    <Space wrap>
      {open &&
        (session.my_registration ? (
          <Popconfirm
            title={
              session.my_registration.status === "waitlisted"
                ? t("weeks.leaveWaitlistConfirm")
                : session.waitlist_count > 0
                  ? t("weeks.cancelRegistrationConfirm")
                  : t("weeks.giveUpSeatConfirm")
            }
            okText={giveUpText}
            cancelText={t("weeks.keepMyPlace")}
            onConfirm={giveUp}
          >
            <Button loading={registration.isPending}>
              {giveUpText}
              <span className="visually-hidden">: {session.title}</span>
            </Button>
          </Popconfirm>
        ) : (
          <Button type="primary" loading={registration.isPending} onClick={() => register()}>
            {session.seats !== null && session.registered_count >= session.seats
              ? t("weeks.joinWaitlist")
              : t("weeks.register")}
            <span className="visually-hidden">: {session.title}</span>
          </Button>
        ))}
      {onDiscuss && session.topic !== null && (
        <Button onClick={() => session.topic !== null && onDiscuss(session.topic)}>
          {t("weeks.discuss")}
          <span className="visually-hidden">: {session.title}</span>
        </Button>
      )}
      {over && !session.cancelled && (week.can_manage || speaks) && (
        <ReadFeedback sessionId={session.id} title={session.title} />
      )}
      {week.can_manage && week.status === "published" && !session.cancelled && session.starts_at && (
        <Link to={`/weeks/${week.id}/sessions/${session.id}/check-in`}>
          {t("weeks.checkIn")}
          <span className="visually-hidden">: {session.title}</span>
        </Link>
      )}
      {week.can_manage && week.status !== "closed" && !session.cancelled && (
        <Button onClick={() => setEditing(true)}>
          {t("weeks.editSessionButton")}
          <span className="visually-hidden">: {session.title}</span>
        </Button>
      )}
      {editing && (
        <SessionForm
          open
          weekId={week.id}
          session={session}
          saving={updateSession.isPending}
          onCancel={() => setEditing(false)}
          onSave={(input) =>
            updateSession.mutateAsync(input).then(() => {
              setEditing(false);
              void message.success(t("common.saved"));
            })
          }
        />
      )}
      {week.can_manage && week.status !== "closed" && !session.cancelled && (
        <Button
          danger
          onClick={() =>
            modal.confirm({
              title: t("weeks.cancelSessionConfirm", { title: session.title }),
              content: t("weeks.cancelSessionHelp"),
              okText: t("weeks.cancelSession"),
              okButtonProps: { danger: true },
              cancelText: t("common.cancel"),
              onOk: () =>
                cancelSession.mutateAsync(session.id).then(
                  () => void message.success(t("weeks.sessionCancelled")),
                  (error: unknown) => void message.error(errorText(error)),
                ),
            })
          }
        >
          {t("weeks.cancelSession")}
          <span className="visually-hidden">: {session.title}</span>
        </Button>
      )}
    </Space>
  );
}
