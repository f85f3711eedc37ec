import { describe, expect, it } from "vitest";

import { conflictsOf, type Board, type Placement } from "./conflicts";

const DAY = "2027-03-01";

function session(id: number, fields: Partial<Board["sessions"][number]> = {}): Board["sessions"][number] {
  return {
    id,
    title: `S${id}`,
    kind: "lecture",
    room: null,
    starts_at: null,
    ends_at: null,
    capacity: null,
    demand: 0,
    speakers: [],
    speakers_unavailable: [],
    ...fields,
  };
}

function board(fields: Partial<Board> = {}): Board {
  return {
    sessions: [],
    rooms: [
      { id: 1, name: "Hall", capacity: 100, location: "", unavailable: [] },
      { id: 2, name: "Lab", capacity: 10, location: "", unavailable: [] },
    ],
    shared: [],
    departments: [],
    department_share: 30,
    ...fields,
  };
}

function at(room: number | null, start: string, end: string): Placement {
  return { room, startsAt: `${DAY}T${start}:00+08:00`, endsAt: `${DAY}T${end}:00+08:00` };
}

describe("conflictsOf", () => {
  it("finds a room holding two sessions at once, and not two one after the other", () => {
    const placements = new Map([
      [1, at(1, "09:00", "10:30")],
      [2, at(1, "10:00", "11:00")],
      [3, at(1, "11:00", "12:00")],
    ]);
    expect(conflictsOf(board({ sessions: [session(1), session(2), session(3)] }), placements)).toEqual([
      { kind: "room_double_booked", room: 1, sessions: [1, 2] },
    ]);
  });

  it("finds a room unavailable or too small for those registered and waiting", () => {
    const rooms = [
      {
        id: 1,
        name: "Hall",
        capacity: 100,
        location: "",
        unavailable: [{ starts_at: `${DAY}T08:00:00+08:00`, ends_at: `${DAY}T09:30:00+08:00` }],
      },
      { id: 2, name: "Lab", capacity: 10, location: "", unavailable: [] },
    ];
    const sessions = [session(1), session(2, { demand: 14 }), session(3, { demand: 14, capacity: 8 })];
    const placements = new Map([
      [1, at(1, "09:00", "10:00")],
      [2, at(2, "09:00", "10:00")],
      [3, at(2, "14:00", "15:00")],
    ]);
    expect(conflictsOf(board({ rooms, sessions }), placements)).toEqual([
      { kind: "room_unavailable", room: 1, session: 1 },
      { kind: "room_too_small", room: 2, session: 2, demand: 14, capacity: 10 },
    ]);
  });

  it("finds a session placed when its speakers cannot come, and not one placed after", () => {
    const away = [{ starts_at: `${DAY}T08:00:00+08:00`, ends_at: `${DAY}T12:00:00+08:00` }];
    const sessions = [session(1, { speakers_unavailable: away }), session(2, { speakers_unavailable: away })];
    const placements = new Map([
      [1, at(1, "11:30", "12:30")],
      [2, at(2, "12:00", "13:00")],
    ]);
    expect(conflictsOf(board({ sessions }), placements)).toEqual([
      { kind: "speaker_unavailable", session: 1 },
    ]);
  });

  it("finds a speaker in two places and the people registered for two sessions at once", () => {
    const speaker = { key: "name:Prof. Liu", name: "Prof. Liu" };
    const sessions = [session(1, { speakers: [speaker] }), session(2, { speakers: [speaker] }), session(3)];
    const placements = new Map([
      [1, at(1, "09:00", "10:00")],
      [2, at(2, "09:30", "10:30")],
      [3, { room: null, startsAt: null, endsAt: null }],
    ]);
    const shared = [
      { first: 1, second: 2, people: 4 },
      { first: 1, second: 3, people: 9 },
    ];
    expect(conflictsOf(board({ sessions, shared }), placements)).toEqual([
      { kind: "speaker_double_booked", speaker: "Prof. Liu", sessions: [1, 2] },
      { kind: "registrants_clash", sessions: [1, 2], people: 4 },
    ]);
  });

  it("never counts one person away as a department emptied", () => {
    const departments = [
      {
        department: { id: 7, code: "GH", name_zh: "规划局", name_en: "Planning" },
        headcount: 2,
        people: [[1]],
      },
    ];
    expect(
      conflictsOf(board({ sessions: [session(1)], departments }), new Map([[1, at(1, "09:00", "10:00")]])),
    ).toEqual([]);
  });

  it("warns when more than the share of a department's staff are away at one moment", () => {
    const departments = [
      {
        department: { id: 7, code: "GH", name_zh: "规划局", name_en: "Planning" },
        headcount: 10,
        // Four people, one of them registered for both sessions: counted once.
        people: [[1], [1, 2], [2], [2], [1]],
      },
    ];
    const sessions = [session(1), session(2)];
    const apart = new Map([
      [1, at(1, "09:00", "10:00")],
      [2, at(2, "14:00", "15:00")],
    ]);
    const atOnce = new Map([
      [1, at(1, "09:00", "10:00")],
      [2, at(2, "09:30", "10:30")],
    ]);
    expect(conflictsOf(board({ sessions, departments }), apart)).toEqual([]);
    expect(conflictsOf(board({ sessions, departments }), atOnce, 50)).toEqual([]); // 5 of 10 is 50%
    expect(conflictsOf(board({ sessions, departments }), atOnce)).toEqual([
      {
        kind: "department_share",
        department: departments[0]?.department,
        people: 5, // not 6: the one registered for both is away once
        headcount: 10,
        at: `${DAY}T09:30:00+08:00`,
      },
    ]);
  });
});
