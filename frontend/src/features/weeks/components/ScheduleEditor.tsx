import {
  App,
  Alert,
  Breadcrumb,
  Button,
  Card,
  Empty,
  Flex,
  Form,
  Input,
  InputNumber,
  List,
  Modal,
  Segmented,
  Select,
  Typography,
} from "antd";
import dayjs from "dayjs";
import { useMemo, useState, type DragEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";

import { Loading, NotAvailable, QueryError } from "@/components/PageStates";
import { isApiError } from "@/lib/api";
import { useErrorText } from "@/lib/errors";
import { useFormat } from "@/lib/format";

import { useApplySchedule, useScheduleBoard, useWeek, type ScheduleMove, type Week } from "../api/weeks";
import { conflictsOf, type Board, type Conflict, type Placement } from "../schedule/conflicts";

const ROW_MINUTES = 30;
const ROW_HEIGHT = 30;
const FIRST_HOUR = 8;
const LAST_HOUR = 18;
// A session dropped from the unscheduled list takes this long until the organiser says otherwise.
const NEW_SESSION_MINUTES = 90;
const DRAGGED = "application/x-talentbridge-session";

type Placements = Map<number, Placement>;
const UNSCHEDULED: Placement = { room: null, startsAt: null, endsAt: null };

function placementOf(placements: Placements, session: number): Placement {
  return placements.get(session) ?? UNSCHEDULED;
}

function placementsOf(board: Board): Placements {
  return new Map(
    board.sessions.map((session) => [
      session.id,
      { room: session.room, startsAt: session.starts_at, endsAt: session.ends_at },
    ]),
  );
}

function same(first: Placement, second: Placement): boolean {
  return (
    first.room === second.room &&
    (first.startsAt && Date.parse(first.startsAt)) === (second.startsAt && Date.parse(second.startsAt)) &&
    (first.endsAt && Date.parse(first.endsAt)) === (second.endsAt && Date.parse(second.endsAt))
  );
}

function daysOf(week: Week): string[] {
  const days: string[] = [];
  for (let day = dayjs(week.start_date); !day.isAfter(dayjs(week.end_date), "day"); day = day.add(1, "day")) {
    days.push(day.format("YYYY-MM-DD"));
  }
  return days;
}

/** The schedule editor of a week (its organisers): the rooms side by side through a day,
sessions dragged onto the grid, moved, or back to the unscheduled list, with a "Move" dialog
doing the same from the keyboard. Conflicts show as the schedule changes; nothing is saved
until the organiser saves, and then those registered for a session that moved are told. */
export function ScheduleEditor() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const week = useWeek(id);
  const board = useScheduleBoard(id);
  // Saving refetches the board and so mounts a new editor: the save lives here, where its
  // outcome is still heard once the editor it came from is gone.
  const save = useApplySchedule(id);

  const failed = week.error ?? board.error;
  if (failed) {
    return isApiError(failed, 404) || isApiError(failed, 403) ? (
      <NotAvailable reason="not_found" />
    ) : (
      <QueryError error={failed} />
    );
  }
  if (week.isPending || board.isPending || !week.data || !board.data) {
    return <Loading />;
  }
  return (
    <Flex vertical gap={16}>
      <Breadcrumb
        items={[
          { title: <Link to="/weeks">{t("weeks.title")}</Link> },
          { title: <Link to={`/weeks/${week.data.id}`}>{week.data.title}</Link> },
          { title: t("weeks.scheduleEditor") },
        ]}
      />
      <Editor key={board.dataUpdatedAt} week={week.data} board={board.data} save={save} />
    </Flex>
  );
}

function Editor({
  week,
  board,
  save,
}: {
  week: Week;
  board: Board;
  save: ReturnType<typeof useApplySchedule>;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const saved = useMemo(() => placementsOf(board), [board]);
  const [placements, setPlacements] = useState<Placements>(saved);
  const days = daysOf(week);
  const [day, setDay] = useState(days[0] ?? week.start_date);
  const [moving, setMoving] = useState<number | null>(null);
  const [versionName, setVersionName] = useState("");
  const [share, setShare] = useState(board.department_share);
  const conflicts = useMemo(() => conflictsOf(board, placements, share), [board, placements, share]);
  const changed = board.sessions.filter(
    (session) => !same(placementOf(saved, session.id), placementOf(placements, session.id)),
  );

  const place = (session: number, placement: Placement) =>
    setPlacements((current) => new Map(current).set(session, placement));
  const moveTo = (session: number, room: number, startsAt: dayjs.Dayjs) => {
    const now = placementOf(placements, session);
    const minutes =
      now.startsAt && now.endsAt
        ? dayjs(now.endsAt).diff(dayjs(now.startsAt), "minute")
        : NEW_SESSION_MINUTES;
    place(session, {
      room,
      startsAt: startsAt.toISOString(),
      endsAt: startsAt.add(minutes, "minute").toISOString(),
    });
  };
  const submit = () => {
    const moves: ScheduleMove[] = changed.map((session) => {
      const placement = placementOf(placements, session.id);
      return {
        session: session.id,
        room: placement.room,
        starts_at: placement.startsAt,
        ends_at: placement.endsAt,
      };
    });
    save.mutate(
      { placements: moves, name: versionName },
      {
        onSuccess: () => void message.success(t("weeks.scheduleSaved", { count: moves.length })),
        onError: (error) => void message.error(errorText(error)),
      },
    );
  };

  return (
    <>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={2} style={{ margin: 0 }}>
          {t("weeks.scheduleEditorOf", { title: week.title })}
        </Typography.Title>
        <Flex gap={8} wrap>
          <Input
            aria-label={t("weeks.versionName")}
            placeholder={t("weeks.versionName")}
            maxLength={120}
            value={versionName}
            onChange={(event) => setVersionName(event.target.value)}
            style={{ width: 200 }}
          />
          <Button disabled={changed.length === 0} onClick={() => setPlacements(saved)}>
            {t("weeks.discardChanges")}
          </Button>
          <Button type="primary" disabled={changed.length === 0} loading={save.isPending} onClick={submit}>
            {t("weeks.saveSchedule", { count: changed.length })}
          </Button>
        </Flex>
      </Flex>
      <Typography.Text type="secondary">{t("weeks.scheduleEditorHelp")}</Typography.Text>
      {/* A week of days is wider than a phone: the days scroll, not the page. */}
      <div style={{ overflowX: "auto", maxWidth: "100%" }}>
        <Segmented
          aria-label={t("weeks.day")}
          value={day}
          onChange={(value) => setDay(value)}
          options={days.map((value) => ({ value, label: dayjs(value).format("MM-DD ddd") }))}
        />
      </div>
      <Flex gap={16} align="flex-start" wrap>
        <UnscheduledList
          board={board}
          placements={placements}
          onDrop={(session) => place(session, { room: null, startsAt: null, endsAt: null })}
          onMove={setMoving}
        />
        <Grid
          board={board}
          placements={placements}
          day={day}
          conflicts={conflicts}
          onDrop={moveTo}
          onMove={setMoving}
        />
      </Flex>
      <ConflictList board={board} conflicts={conflicts} share={share} onShare={setShare} />
      {moving !== null && (
        <MoveDialog
          board={board}
          days={days}
          session={moving}
          placement={placementOf(placements, moving)}
          onClose={() => setMoving(null)}
          onPlace={(session, placement) => {
            place(session, placement);
            setMoving(null);
          }}
        />
      )}
    </>
  );
}

function sessionTitle(board: Board, id: number): string {
  return board.sessions.find((session) => session.id === id)?.title ?? String(id);
}

function allowDrop(event: DragEvent) {
  if (event.dataTransfer.types.includes(DRAGGED)) {
    event.preventDefault();
  }
}

function dragged(event: DragEvent): number {
  return Number(event.dataTransfer.getData(DRAGGED));
}

function UnscheduledList({
  board,
  placements,
  onDrop,
  onMove,
}: {
  board: Board;
  placements: Placements;
  onDrop: (session: number) => void;
  onMove: (session: number) => void;
}) {
  const { t } = useTranslation();
  const waiting = board.sessions.filter((session) => placementOf(placements, session.id).room === null);
  return (
    <Card
      title={t("weeks.unscheduled")}
      size="small"
      style={{ width: 240 }}
      role="region"
      aria-label={t("weeks.unscheduled")}
      data-testid="unscheduled"
      onDragOver={allowDrop}
      onDrop={(event) => {
        event.preventDefault();
        onDrop(dragged(event));
      }}
    >
      {waiting.length === 0 ? (
        <Typography.Text type="secondary">{t("weeks.noneUnscheduled")}</Typography.Text>
      ) : (
        <Flex vertical gap={8}>
          {waiting.map((session) => (
            <SessionBlock key={session.id} session={session} onMove={onMove} />
          ))}
        </Flex>
      )}
    </Card>
  );
}

function SessionBlock({
  session,
  onMove,
  conflicted = false,
  time,
}: {
  session: Board["sessions"][number];
  onMove: (session: number) => void;
  conflicted?: boolean;
  time?: string;
}) {
  const { t } = useTranslation();
  return (
    <div
      draggable
      role="group"
      aria-label={session.title}
      data-testid={`session-${session.id}`}
      onDragStart={(event) => {
        event.dataTransfer.setData(DRAGGED, String(session.id));
        event.dataTransfer.effectAllowed = "move";
      }}
      style={{
        height: "100%",
        overflow: "hidden",
        padding: "4px 8px",
        borderRadius: 6,
        cursor: "grab",
        background: conflicted ? "#fff1f0" : "#e6f4ff",
        border: `1px solid ${conflicted ? "#cf1322" : "#91caff"}`,
        boxSizing: "border-box",
      }}
    >
      <Flex justify="space-between" gap={4} align="flex-start">
        <Typography.Text strong style={{ fontSize: 13 }}>
          {session.title}
        </Typography.Text>
        <Button
          size="small"
          type="link"
          style={{ padding: 0, height: "auto" }}
          onClick={() => onMove(session.id)}
        >
          {t("weeks.move")}
          <span className="visually-hidden">: {session.title}</span>
        </Button>
      </Flex>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {[time, t("weeks.demand", { count: session.demand })].filter(Boolean).join(" · ")}
      </Typography.Text>
    </div>
  );
}

function Grid({
  board,
  placements,
  day,
  conflicts,
  onDrop,
  onMove,
}: {
  board: Board;
  placements: Placements;
  day: string;
  conflicts: Conflict[];
  onDrop: (session: number, room: number, startsAt: dayjs.Dayjs) => void;
  onMove: (session: number) => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  if (board.rooms.length === 0) {
    return <Empty description={t("weeks.noRooms")} />;
  }
  const onDay = board.sessions.flatMap((session) => {
    const placement = placementOf(placements, session.id);
    return placement.room !== null &&
      placement.startsAt &&
      placement.endsAt &&
      dayjs(placement.startsAt).format("YYYY-MM-DD") === day
      ? [{ session, room: placement.room, start: dayjs(placement.startsAt), end: dayjs(placement.endsAt) }]
      : [];
  });
  const dayStart = dayjs(`${day}T00:00`);
  const firstMinute = Math.min(FIRST_HOUR * 60, ...onDay.map(({ start }) => start.diff(dayStart, "minute")));
  const lastMinute = Math.max(LAST_HOUR * 60, ...onDay.map(({ end }) => end.diff(dayStart, "minute")));
  const top = Math.floor(firstMinute / ROW_MINUTES) * ROW_MINUTES;
  const rows = Math.ceil((lastMinute - top) / ROW_MINUTES);
  const conflicted = new Set(
    conflicts.flatMap((conflict) =>
      "sessions" in conflict ? conflict.sessions : "session" in conflict ? [conflict.session] : [],
    ),
  );
  const rowOf = (moment: dayjs.Dayjs) => Math.round((moment.diff(dayStart, "minute") - top) / ROW_MINUTES);
  return (
    <div
      style={{ flex: "1 1 480px", minWidth: 0, overflowX: "auto" }}
      role="region"
      aria-label={t("weeks.grid")}
    >
      <div
        style={{
          display: "grid",
          gridTemplateColumns: `56px repeat(${board.rooms.length}, minmax(140px, 1fr))`,
          gridTemplateRows: `32px repeat(${rows}, ${ROW_HEIGHT}px)`,
          minWidth: 56 + board.rooms.length * 140,
        }}
      >
        {board.rooms.map((room, column) => (
          <Typography.Text
            key={room.id}
            strong
            style={{ gridColumn: column + 2, gridRow: 1, padding: "4px 8px" }}
          >
            {room.name} ({room.capacity})
          </Typography.Text>
        ))}
        {Array.from({ length: rows }, (_, row) => {
          const moment = dayStart.add(top + row * ROW_MINUTES, "minute");
          return [
            <Typography.Text
              key={`time-${row}`}
              type="secondary"
              style={{ gridColumn: 1, gridRow: row + 2, fontSize: 12, borderTop: "1px solid #f0f0f0" }}
            >
              {row % 2 === 0 ? moment.format("HH:mm") : ""}
            </Typography.Text>,
            ...board.rooms.map((room, column) => (
              <div
                key={`${room.id}-${row}`}
                data-testid={`cell-${room.id}-${moment.format("HHmm")}`}
                aria-hidden
                onDragOver={allowDrop}
                onDrop={(event) => {
                  event.preventDefault();
                  onDrop(dragged(event), room.id, moment);
                }}
                style={{
                  gridColumn: column + 2,
                  gridRow: row + 2,
                  borderTop: "1px solid #f0f0f0",
                  borderLeft: "1px solid #f0f0f0",
                  background: room.unavailable.some(
                    (period) => dayjs(period.starts_at) <= moment && moment < dayjs(period.ends_at),
                  )
                    ? "repeating-linear-gradient(45deg, #fafafa, #fafafa 4px, #f0f0f0 4px, #f0f0f0 8px)"
                    : undefined,
                }}
              />
            )),
          ];
        })}
        {onDay.map(({ session, room: placedIn, start, end }) => (
          <div
            key={session.id}
            style={{
              gridColumn: board.rooms.findIndex((room) => room.id === placedIn) + 2,
              gridRow: `${rowOf(start) + 2} / ${Math.max(rowOf(end), rowOf(start) + 1) + 2}`,
              padding: 2,
              zIndex: 1,
            }}
            onDragOver={allowDrop}
            onDrop={(event) => {
              event.preventDefault();
              onDrop(dragged(event), placedIn, start);
            }}
          >
            <SessionBlock
              session={session}
              onMove={onMove}
              conflicted={conflicted.has(session.id)}
              time={`${format.time(start.toISOString())}–${format.time(end.toISOString())}`}
            />
          </div>
        ))}
      </div>
    </div>
  );
}

function ConflictList({
  board,
  conflicts,
  share,
  onShare,
}: {
  board: Board;
  conflicts: Conflict[];
  share: number;
  onShare: (share: number) => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const room = (id: number) => board.rooms.find((candidate) => candidate.id === id)?.name ?? String(id);
  const title = (id: number) => sessionTitle(board, id);
  const describe = (conflict: Conflict): string => {
    switch (conflict.kind) {
      case "room_double_booked":
        return t("weeks.conflict.room_double_booked", {
          room: room(conflict.room),
          first: title(conflict.sessions[0]),
          second: title(conflict.sessions[1]),
        });
      case "room_unavailable":
        return t("weeks.conflict.room_unavailable", {
          room: room(conflict.room),
          session: title(conflict.session),
        });
      case "room_too_small":
        return t("weeks.conflict.room_too_small", {
          room: room(conflict.room),
          capacity: conflict.capacity,
          session: title(conflict.session),
          count: conflict.demand,
        });
      case "speaker_double_booked":
        return t("weeks.conflict.speaker_double_booked", {
          speaker: conflict.speaker,
          first: title(conflict.sessions[0]),
          second: title(conflict.sessions[1]),
        });
      case "speaker_unavailable":
        return t("weeks.conflict.speaker_unavailable", { session: title(conflict.session) });
      case "registrants_clash":
        return t("weeks.conflict.registrants_clash", {
          count: conflict.people,
          first: title(conflict.sessions[0]),
          second: title(conflict.sessions[1]),
        });
      case "department_share":
        return t("weeks.conflict.department_share", {
          department: format.name(conflict.department),
          people: conflict.people,
          headcount: conflict.headcount,
          time: format.dateTime(conflict.at),
          share,
        });
    }
  };
  return (
    <Card
      title={t("weeks.conflicts", { count: conflicts.length })}
      size="small"
      role="region"
      aria-label={t("weeks.conflictsRegion")}
      extra={
        <Flex align="center" gap={4}>
          <label htmlFor="department-share">{t("weeks.departmentShare")}</label>
          <InputNumber
            id="department-share"
            size="small"
            min={1}
            max={100}
            precision={0}
            value={share}
            onChange={(value) => value !== null && onShare(value)}
            suffix="%"
            style={{ width: 80 }}
          />
        </Flex>
      }
    >
      {conflicts.length === 0 ? (
        <Alert type="success" showIcon title={t("weeks.noConflicts")} />
      ) : (
        <List
          size="small"
          dataSource={conflicts}
          renderItem={(conflict) => <List.Item>{describe(conflict)}</List.Item>}
        />
      )}
    </Card>
  );
}

interface MoveValues {
  day: string;
  start: string;
  room: number;
  minutes: number;
}

/** Moving a session without dragging: a day, a start, a length and a room; or back to the
unscheduled list. */
function MoveDialog({
  board,
  days,
  session,
  placement,
  onClose,
  onPlace,
}: {
  board: Board;
  days: string[];
  session: number;
  placement: Placement;
  onClose: () => void;
  onPlace: (session: number, placement: Placement) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<MoveValues>();
  const start = placement.startsAt ? dayjs(placement.startsAt) : null;
  const minutes =
    start && placement.endsAt ? dayjs(placement.endsAt).diff(start, "minute") : NEW_SESSION_MINUTES;
  const lengths = [...new Set([30, 45, 60, 90, 120, 150, 180, 240, minutes])].sort((a, b) => a - b);
  const starts = Array.from({ length: 24 * 4 }, (_, index) =>
    dayjs("2000-01-01T00:00")
      .add(index * 15, "minute")
      .format("HH:mm"),
  );
  return (
    <Modal
      open
      title={t("weeks.moveTitle", { title: sessionTitle(board, session) })}
      okText={t("weeks.place")}
      cancelText={t("common.cancel")}
      onCancel={onClose}
      onOk={() => form.submit()}
      destroyOnHidden
      footer={(_, { OkBtn, CancelBtn }) => (
        <Flex justify="space-between" wrap gap={8}>
          <Button onClick={() => onPlace(session, { room: null, startsAt: null, endsAt: null })}>
            {t("weeks.unschedule")}
          </Button>
          <Flex gap={8}>
            <CancelBtn />
            <OkBtn />
          </Flex>
        </Flex>
      )}
    >
      <Form<MoveValues>
        form={form}
        layout="vertical"
        initialValues={{
          day: start ? start.format("YYYY-MM-DD") : (days[0] ?? ""),
          start: start ? start.format("HH:mm") : "09:00",
          room: placement.room ?? board.rooms[0]?.id,
          minutes,
        }}
        onFinish={(values) => {
          const begins = dayjs(`${values.day}T${values.start}`);
          onPlace(session, {
            room: values.room,
            startsAt: begins.toISOString(),
            endsAt: begins.add(values.minutes, "minute").toISOString(),
          });
        }}
      >
        <Form.Item name="day" label={t("weeks.day")} rules={[{ required: true }]}>
          <Select options={days.map((value) => ({ value, label: dayjs(value).format("YYYY-MM-DD ddd") }))} />
        </Form.Item>
        <Form.Item name="start" label={t("weeks.fields.startsAt")} rules={[{ required: true }]}>
          <Select showSearch options={starts.map((value) => ({ value, label: value }))} />
        </Form.Item>
        <Form.Item name="minutes" label={t("weeks.length")} rules={[{ required: true }]}>
          <Select
            options={lengths.map((value) => ({
              value,
              label: t("weeks.minutes", { count: value }),
            }))}
          />
        </Form.Item>
        <Form.Item name="room" label={t("weeks.fields.room")} rules={[{ required: true }]}>
          <Select
            options={board.rooms.map((room) => ({
              value: room.id,
              label: `${room.name} (${room.capacity})`,
            }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
