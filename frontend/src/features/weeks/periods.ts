import dayjs, { type Dayjs } from "dayjs";

import type { Week } from "./api/weeks";

/** A period as the API reads and writes it. */
export interface Period {
  starts_at: string;
  ends_at: string;
}

/** A period as the form holds it (a row may be left empty while it is being added). */
export interface PeriodValue {
  period?: [Dayjs, Dayjs];
}

export function periodValues(periods: readonly Period[]): PeriodValue[] {
  return periods.map((period) => ({ period: [dayjs(period.starts_at), dayjs(period.ends_at)] }));
}

export function periodsOf(values: readonly PeriodValue[] | undefined): Period[] {
  return (values ?? []).flatMap(({ period }) =>
    period ? [{ starts_at: period[0].toISOString(), ends_at: period[1].toISOString() }] : [],
  );
}

/** Whether a day falls outside the week's days (none does while the week is being read). */
export function outsideOf(week: Week | undefined): (day: Dayjs) => boolean {
  return (day) =>
    !!week && (day.isBefore(dayjs(week.start_date), "day") || day.isAfter(dayjs(week.end_date), "day"));
}
