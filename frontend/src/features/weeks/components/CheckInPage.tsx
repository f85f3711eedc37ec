import { App, Button, Card, Empty, Flex, Form, Input, Popconfirm, Space, Typography } from "antd";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";

import { Loading, QueryError } from "@/components/PageStates";
import { useErrorText } from "@/lib/errors";
import { useFormat } from "@/lib/format";
import { useNow } from "@/lib/useNow";

import { useCheckIn, useCheckOut, useMyRegistrations, type MyRegistration } from "../api/weeks";
import { AttendanceTag, SessionTime } from "./tags";

const CODE = /^\d{6}$/;

/** Staff check in here: by scanning the QR code in the room (its link carries the session and
the code, and checks in on opening) or by typing the code shown. Lists the person's sessions
whose check-in is open now. */
export function CheckInPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const mine = useMyRegistrations({ over: false });
  const now = useNow(30_000);
  const [search] = useSearchParams();
  const scanned = { session: Number(search.get("session")) || null, code: search.get("code") ?? "" };

  if (mine.isError) {
    return <QueryError error={mine.error} />;
  }
  if (mine.isPending) {
    return <Loading />;
  }
  const seated = mine.data.results.filter((registration) => registration.check_in !== null);
  const open = seated.filter(
    (registration) =>
      registration.check_in &&
      new Date(registration.check_in.opens_at).getTime() <= now &&
      now <= new Date(registration.check_in.closes_at).getTime(),
  );
  const next = seated.find(
    (registration) => registration.check_in && new Date(registration.check_in.opens_at).getTime() > now,
  );
  return (
    <Flex vertical gap={16} style={{ maxWidth: 640 }}>
      <Typography.Title level={2} style={{ margin: 0 }}>
        {t("weeks.checkIn")}
      </Typography.Title>
      <Typography.Text type="secondary">{t("weeks.checkInIntro")}</Typography.Text>
      {open.length === 0 ? (
        <Card>
          <Empty
            description={
              <Space orientation="vertical">
                <span>{t("weeks.nothingToCheckIn")}</span>
                {next?.check_in && (
                  <span>
                    {t("weeks.nextCheckIn", {
                      title: next.session.title,
                      time: format.dateTime(next.check_in.opens_at),
                    })}
                  </span>
                )}
                <Link to="/weeks">{t("weeks.title")}</Link>
              </Space>
            }
          />
        </Card>
      ) : (
        open.map((registration) => (
          <SessionCheckIn
            key={registration.session.id}
            registration={registration}
            scannedCode={registration.session.id === scanned.session ? scanned.code : ""}
            now={now}
          />
        ))
      )}
    </Flex>
  );
}

function SessionCheckIn({
  registration,
  scannedCode,
  now,
}: {
  registration: MyRegistration;
  scannedCode: string;
  now: number;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const format = useFormat();
  const errorText = useErrorText();
  const checkIn = useCheckIn();
  const checkOut = useCheckOut();
  const [form] = Form.useForm<{ code: string }>();
  const session = registration.session;
  const attendance = registration.attendance;

  const submit = (code: string) =>
    checkIn.mutate(
      { session: session.id, code },
      {
        onSuccess: (result) =>
          void message.success(
            result.status === "late" ? t("weeks.checkedInLate") : t("weeks.checkedInOnTime"),
          ),
        onError: (error) => void message.error(errorText(error)),
      },
    );
  // Opened from the QR code in the room: check in at once, once.
  const scanSent = useRef(false);
  useEffect(() => {
    if (CODE.test(scannedCode) && attendance === null && !scanSent.current) {
      scanSent.current = true;
      submit(scannedCode);
    }
  });

  const leavingEarly =
    attendance?.checked_in_at && !attendance.checked_out_at && session.ends_at
      ? new Date(session.ends_at).getTime() > now
      : false;
  return (
    <Card
      title={session.title}
      role="region"
      aria-label={session.title}
      extra={<SessionTime startsAt={session.starts_at} endsAt={session.ends_at} withDate={false} />}
    >
      <Flex vertical gap={12}>
        <Typography.Text type="secondary">
          {session.week_title}
          {session.room ? ` · ${session.room}` : ""}
        </Typography.Text>
        {attendance ? (
          <Flex wrap gap={8} align="center">
            <AttendanceTag status={attendance.status} />
            {attendance.checked_in_at && (
              <Typography.Text>
                {t("weeks.checkedInAtTime", { time: format.time(attendance.checked_in_at) })}
              </Typography.Text>
            )}
            {attendance.checked_out_at && (
              <Typography.Text>
                {t("weeks.checkedOutAtTime", { time: format.time(attendance.checked_out_at) })}
              </Typography.Text>
            )}
            {leavingEarly && (
              <Popconfirm
                title={t("weeks.checkOutConfirm")}
                okText={t("weeks.checkOut")}
                cancelText={t("common.cancel")}
                onConfirm={() =>
                  checkOut.mutate(session.id, {
                    onSuccess: () => void message.success(t("weeks.checkedOut")),
                    onError: (error) => void message.error(errorText(error)),
                  })
                }
              >
                <Button loading={checkOut.isPending}>{t("weeks.checkOut")}</Button>
              </Popconfirm>
            )}
          </Flex>
        ) : (
          <Form
            form={form}
            layout="inline"
            initialValues={{ code: scannedCode }}
            onFinish={({ code }) => submit(code)}
            requiredMark={false}
          >
            <Form.Item
              name="code"
              label={t("weeks.checkInCode")}
              rules={[{ required: true, pattern: CODE, message: t("weeks.codeRule") }]}
              normalize={(value: string) => value.replace(/\D/g, "")}
            >
              <Input
                inputMode="numeric"
                autoComplete="one-time-code"
                maxLength={6}
                style={{ width: 140, fontSize: 20, letterSpacing: "0.15em" }}
              />
            </Form.Item>
            <Form.Item>
              <Button type="primary" htmlType="submit" loading={checkIn.isPending}>
                {t("weeks.checkInButton")}
              </Button>
            </Form.Item>
          </Form>
        )}
      </Flex>
    </Card>
  );
}
