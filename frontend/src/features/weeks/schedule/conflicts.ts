import type { Schemas } from "@/lib/api";

export type Board = Schemas["Board"];

/** Where a session is in the editor: a room and a time, or unscheduled (all null). */
export interface Placement {
  room: number | null;
  startsAt: string | null;
  endsAt: string | null;
}

export type Conflict =
  | { kind: "room_double_booked"; room: number; sessions: [number, number] }
  | { kind: "room_unavailable"; room: number; session: number }
  | { kind: "room_too_small"; room: number; session: number; demand: number; capacity: number }
  | { kind: "speaker_double_booked"; speaker: string; sessions: [number, number] }
  | { kind: "speaker_unavailable"; session: number }
  | { kind: "registrants_clash"; sessions: [number, number]; people: number }
  | {
      kind: "department_share";
      department: Board["departments"][number]["department"];
      people: number;
      headcount: number;
      at: string;
    };

/** One person away is never a department emptied, whatever its size. */
const FEWEST_AWAY = 2;

interface Scheduled {
  id: number;
  room: number;
  start: number;
  end: number;
  startsAt: string;
}

function overlap(first: { start: number; end: number }, second: { start: number; end: number }): boolean {
  return first.start < second.end && second.start < first.end;
}

function during(placed: Scheduled, periods: readonly { starts_at: string; ends_at: string }[]): boolean {
  return periods.some((period) =>
    overlap(placed, { start: Date.parse(period.starts_at), end: Date.parse(period.ends_at) }),
  );
}

/** Every conflict of the schedule ``placements`` describe: a room holding two sessions at once
or unavailable or too small for those registered and waiting, a speaker in two places or at a
time the session's speakers cannot make, people
registered for two sessions at the same time, and a department with more than its share of
staff (``departmentShare`` percent, and at least two people) at sessions at one moment. */
export function conflictsOf(
  board: Board,
  placements: ReadonlyMap<number, Placement>,
  departmentShare: number = board.department_share,
): Conflict[] {
  const sessions = new Map(board.sessions.map((session) => [session.id, session]));
  const rooms = new Map(board.rooms.map((room) => [room.id, room]));
  const scheduled: Scheduled[] = [];
  for (const [id, placement] of placements) {
    if (placement.room !== null && placement.startsAt && placement.endsAt) {
      scheduled.push({
        id,
        room: placement.room,
        start: Date.parse(placement.startsAt),
        end: Date.parse(placement.endsAt),
        startsAt: placement.startsAt,
      });
    }
  }
  scheduled.sort((a, b) => a.start - b.start || a.id - b.id);
  const found: Conflict[] = [];
  const together = new Set<string>();
  for (const [index, first] of scheduled.entries()) {
    for (const second of scheduled.slice(index + 1)) {
      if (overlap(first, second)) {
        together.add(`${Math.min(first.id, second.id)}-${Math.max(first.id, second.id)}`);
        if (first.room === second.room) {
          found.push({ kind: "room_double_booked", room: first.room, sessions: [first.id, second.id] });
        }
        const theirs = new Set(sessions.get(second.id)?.speakers.map((speaker) => speaker.key));
        for (const speaker of sessions.get(first.id)?.speakers ?? []) {
          if (theirs.has(speaker.key)) {
            found.push({
              kind: "speaker_double_booked",
              speaker: speaker.name,
              sessions: [first.id, second.id],
            });
          }
        }
      }
    }
  }
  for (const placed of scheduled) {
    const room = rooms.get(placed.room);
    const session = sessions.get(placed.id);
    if (!room || !session) {
      continue;
    }
    if (during(placed, room.unavailable)) {
      found.push({ kind: "room_unavailable", room: room.id, session: placed.id });
    }
    if (during(placed, session.speakers_unavailable)) {
      found.push({ kind: "speaker_unavailable", session: placed.id });
    }
    // Those registered and waiting, as many as the session's own seats take.
    const expected = session.capacity === null ? session.demand : Math.min(session.demand, session.capacity);
    if (expected > room.capacity) {
      found.push({
        kind: "room_too_small",
        room: room.id,
        session: placed.id,
        demand: expected,
        capacity: room.capacity,
      });
    }
  }
  for (const pair of board.shared) {
    if (together.has(`${pair.first}-${pair.second}`)) {
      found.push({ kind: "registrants_clash", sessions: [pair.first, pair.second], people: pair.people });
    }
  }
  for (const department of board.departments) {
    const limit = Math.max((department.headcount * departmentShare) / 100, FEWEST_AWAY - 1);
    let worst: { people: number; at: string } | null = null;
    for (const moment of scheduled) {
      const active = new Set(
        scheduled
          .filter((other) => other.start <= moment.start && moment.start < other.end)
          .map((other) => other.id),
      );
      // Each person once, however many of their sessions run at that moment.
      const away = department.people.filter((sessionsHeld) =>
        sessionsHeld.some((id) => active.has(id)),
      ).length;
      if (away > limit && (!worst || away > worst.people)) {
        worst = { people: away, at: moment.startsAt };
      }
    }
    if (worst) {
      found.push({
        kind: "department_share",
        department: department.department,
        people: worst.people,
        headcount: department.headcount,
        at: worst.at,
      });
    }
  }
  return found;
}
