import { Typography } from "antd";
import { useTranslation } from "react-i18next";

import { ToneTag, type Tone } from "@/components/tags";
import type { Schemas } from "@/lib/api";
import { useFormat } from "@/lib/format";

const WEEK_TONES: Record<Schemas["WeekStatusEnum"], Tone> = {
  draft: "amber",
  published: "green",
  closed: "neutral",
};

export function WeekStatusTag({ status }: { status: Schemas["WeekStatusEnum"] }) {
  const { t } = useTranslation();
  return <ToneTag tone={WEEK_TONES[status]}>{t(`enums.weekStatus.${status}`)}</ToneTag>;
}

/** Where the person stands: registered, or waiting with their place in line. */
export function RegistrationTag({
  status,
  position,
}: {
  status: Schemas["RegistrationStandingEnum"];
  position: number | null;
}) {
  const { t } = useTranslation();
  return status === "registered" ? (
    <ToneTag tone="green">{t("weeks.registered")}</ToneTag>
  ) : (
    <ToneTag tone="amber">{t("weeks.waitlisted", { position })}</ToneTag>
  );
}

/** "3 Mar 2027, 09:00–10:30" (only "09:00–10:30" in a day's programme), or that the time is to
be announced. */
export function SessionTime({
  startsAt,
  endsAt,
  withDate = true,
}: {
  startsAt: string | null;
  endsAt: string | null;
  withDate?: boolean;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  if (!startsAt || !endsAt) {
    return <Typography.Text type="secondary">{t("weeks.timeToCome")}</Typography.Text>;
  }
  return (
    <Typography.Text strong>
      {withDate ? format.dateTime(startsAt) : format.time(startsAt)}–{format.time(endsAt)}
    </Typography.Text>
  );
}

const ATTENDANCE_TONES: Record<Schemas["AttendanceStatusEnum"], Tone> = {
  on_time: "green",
  late: "amber",
  left_early: "amber",
  absent: "red",
};

/** How the person attended: on time, late, left early, absent; or not yet checked in. */
export function AttendanceTag({ status }: { status: Schemas["AttendanceStatusEnum"] | null }) {
  const { t } = useTranslation();
  return status === null ? (
    <ToneTag>{t("weeks.notCheckedIn")}</ToneTag>
  ) : (
    <ToneTag tone={ATTENDANCE_TONES[status]}>{t(`enums.attendanceStatus.${status}`)}</ToneTag>
  );
}
