import { PlusOutlined, QrcodeOutlined } from "@ant-design/icons";
import { App, Button, Card, Col, Empty, Flex, List, Row, Space, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";

import { Loading, QueryError } from "@/components/PageStates";
import { ToneTag } from "@/components/tags";
import { useFormat } from "@/lib/format";
import { hasRole, useMe } from "@/lib/session";
import { useNow } from "@/lib/useNow";

import { useCreateWeek, useMyRegistrations, useWeeks, type MyRegistration, type Week } from "../api/weeks";
import { useSessionNews } from "../hooks/useLiveWeeks";
import { CalendarFeedButton } from "./CalendarFeed";
import { GiveFeedback } from "./Feedback";
import { AttendanceTag, RegistrationTag, SessionTime, WeekStatusTag } from "./tags";
import { WeekForm } from "./WeekForm";

/** The exchange weeks one may see, one's own sessions first; organisers start new weeks. */
export function WeeksPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const me = useMe().data;
  const weeks = useWeeks();
  useSessionNews();
  const create = useCreateWeek();
  const [creating, setCreating] = useState(false);

  if (weeks.isError) {
    return <QueryError error={weeks.error} />;
  }
  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={2} style={{ margin: 0 }}>
          {t("weeks.title")}
        </Typography.Title>
        <Space wrap>
          <Button icon={<QrcodeOutlined aria-hidden />} onClick={() => void navigate("/check-in")}>
            {t("weeks.checkIn")}
          </Button>
          {hasRole(me, "organiser", "admin") && (
            <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setCreating(true)}>
              {t("weeks.create")}
            </Button>
          )}
        </Space>
      </Flex>
      <MySessions />
      {weeks.isPending ? (
        <Loading />
      ) : weeks.data.results.length === 0 ? (
        <Empty description={t("weeks.empty")} />
      ) : (
        <Row gutter={[16, 16]}>
          {weeks.data.results.map((week) => (
            <Col key={week.id} xs={24} md={12} xl={8}>
              <WeekCard week={week} />
            </Col>
          ))}
        </Row>
      )}
      <WeekForm
        open={creating}
        saving={create.isPending}
        onCancel={() => setCreating(false)}
        onSave={(input) =>
          create.mutateAsync(input).then((week) => {
            setCreating(false);
            void message.success(t("weeks.created"));
            void navigate(`/weeks/${week.id}`);
          })
        }
      />
    </Flex>
  );
}

function WeekCard({ week }: { week: Week }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Card
      title={
        <Link to={`/weeks/${week.id}`} style={{ whiteSpace: "normal" }}>
          {week.title}
        </Link>
      }
      extra={<WeekStatusTag status={week.status} />}
      style={{ height: "100%" }}
    >
      <Space orientation="vertical" size={8} style={{ width: "100%" }}>
        <Typography.Text>
          {format.date(week.start_date)} – {format.date(week.end_date)}
        </Typography.Text>
        {week.theme && (
          <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ margin: 0 }}>
            {week.theme}
          </Typography.Paragraph>
        )}
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
          {t("weeks.sessionCount", { count: week.session_count })}
        </Typography.Text>
      </Space>
    </Card>
  );
}

function checkInOpen(registration: MyRegistration, now: number): boolean {
  const window = registration.check_in;
  return (
    !!window && new Date(window.opens_at).getTime() <= now && now <= new Date(window.closes_at).getTime()
  );
}

/** Feedback opens when the session is over, for those who held a seat and were not absent. */
function feedbackOpen(registration: MyRegistration, now: number): boolean {
  const { session, attendance, status } = registration;
  return (
    status === "registered" &&
    !session.cancelled &&
    session.ends_at !== null &&
    new Date(session.ends_at).getTime() <= now &&
    attendance?.status !== "absent"
  );
}

/** The sessions the person holds or waits for a seat at, soonest first, with their attendance
and, while it is open, the way to check in. */
function MySessions() {
  const { t } = useTranslation();
  const mine = useMyRegistrations();
  const now = useNow(30_000);
  if (mine.isError) {
    return <QueryError error={mine.error} />;
  }
  if (mine.isPending || mine.data.results.length === 0) {
    return null;
  }
  return (
    <Card
      title={t("weeks.mySessions")}
      size="small"
      role="region"
      aria-label={t("weeks.mySessions")}
      extra={<CalendarFeedButton />}
    >
      <List
        dataSource={mine.data.results}
        renderItem={(registration) => (
          <List.Item>
            <Flex wrap gap={8} align="center" style={{ width: "100%" }}>
              <SessionTime startsAt={registration.session.starts_at} endsAt={registration.session.ends_at} />
              <Link to={`/weeks/${registration.session.week}/sessions/${registration.session.id}`}>
                {registration.session.title}
              </Link>
              <Typography.Text type="secondary">
                {registration.session.week_title}
                {registration.session.room ? ` · ${registration.session.room}` : ""}
              </Typography.Text>
              <RegistrationTag status={registration.status} position={registration.position} />
              {registration.attendance && <AttendanceTag status={registration.attendance.status} />}
              {feedbackOpen(registration, now) && <GiveFeedback registration={registration} />}
              {!registration.attendance && checkInOpen(registration, now) && (
                <Link to={`/check-in?session=${registration.session.id}`}>
                  {t("weeks.checkIn")}
                  <span className="visually-hidden">: {registration.session.title}</span>
                </Link>
              )}
            </Flex>
          </List.Item>
        )}
      />
    </Card>
  );
}
