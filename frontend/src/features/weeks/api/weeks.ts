import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import { api, unwrap, type Schemas } from "@/lib/api";

export type Week = Schemas["Week"];
export type WeekInput = Schemas["WeekInputRequest"];
export type WeekChange = Schemas["PatchedWeekChangeRequest"];
export type Session = Schemas["Session"];
export type SessionInput = Schemas["SessionInputRequest"];
export type SessionKind = Schemas["SessionKindEnum"];
export type MeetingRoom = Schemas["MeetingRoom"];
export type MeetingRoomInput = Schemas["MeetingRoomInputRequest"];
export type MyRegistration = Schemas["MyRegistration"];
export type Tier = Schemas["TierEnum"];

export const TIERS: Tier[] = ["leader", "general", "specialist"];
export const SESSION_KINDS: SessionKind[] = [
  "lecture",
  "workshop",
  "tech_exchange",
  "case_study",
  "site_visit",
];

export function useWeeks() {
  return useQuery({
    queryKey: ["weeks", "list"],
    queryFn: () => unwrap(api.GET("/api/v1/exchange-weeks/", { params: { query: { page_size: 100 } } })),
  });
}

export function useWeek(id: number) {
  return useQuery({
    queryKey: ["weeks", "detail", id],
    queryFn: () => unwrap(api.GET("/api/v1/exchange-weeks/{id}/", { params: { path: { id } } })),
    retry: false,
  });
}

/** Every session of the week, page after page (a week has tens of them, not thousands). */
export function useWeekSessions(weekId: number) {
  return useQuery({
    queryKey: ["weeks", "sessions", weekId],
    queryFn: async () => {
      const sessions: Session[] = [];
      for (let page = 1; ; page += 1) {
        const found = await unwrap(
          api.GET("/api/v1/exchange-weeks/{week_id}/sessions/", {
            params: { path: { week_id: weekId }, query: { page, page_size: 100 } },
          }),
        );
        sessions.push(...found.results);
        if (!found.next) {
          return sessions;
        }
      }
    },
  });
}

export function useWeekRooms(weekId: number) {
  return useQuery({
    queryKey: ["weeks", "rooms", weekId],
    queryFn: () =>
      unwrap(api.GET("/api/v1/exchange-weeks/{week_id}/rooms/", { params: { path: { week_id: weekId } } })),
  });
}

/** One's registrations, soonest first; ``over`` keeps only those of sessions that are over, or
not yet. */
export function useMyRegistrations(filter: { over?: boolean } = {}) {
  return useQuery({
    queryKey: ["weeks", "my-registrations", filter],
    queryFn: () =>
      unwrap(api.GET("/api/v1/me/registrations/", { params: { query: { page_size: 100, ...filter } } })),
  });
}

/** A change to weeks: everything about weeks is read afresh. */
function useWeeksChange<Variables, Result>(call: (variables: Variables) => Promise<Result>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["weeks"] }),
  });
}

export function useCreateWeek() {
  return useWeeksChange((body: WeekInput) => unwrap(api.POST("/api/v1/exchange-weeks/", { body })));
}

export function useUpdateWeek(id: number) {
  return useWeeksChange((body: WeekChange) =>
    unwrap(api.PATCH("/api/v1/exchange-weeks/{id}/", { params: { path: { id } }, body })),
  );
}

export function useCreateRoom(weekId: number) {
  return useWeeksChange((body: MeetingRoomInput) =>
    unwrap(
      api.POST("/api/v1/exchange-weeks/{week_id}/rooms/", { params: { path: { week_id: weekId } }, body }),
    ),
  );
}

export function useUpdateRoom() {
  return useWeeksChange(({ id, body }: { id: number; body: MeetingRoomInput }) =>
    unwrap(api.PATCH("/api/v1/meeting-rooms/{id}/", { params: { path: { id } }, body })),
  );
}

export function useRemoveRoom() {
  return useWeeksChange((id: number) =>
    unwrap(api.DELETE("/api/v1/meeting-rooms/{id}/", { params: { path: { id } } })),
  );
}

export function useCreateSession(weekId: number) {
  return useWeeksChange((body: SessionInput) =>
    unwrap(
      api.POST("/api/v1/exchange-weeks/{week_id}/sessions/", { params: { path: { week_id: weekId } }, body }),
    ),
  );
}

export function useUpdateSession(id: number) {
  return useWeeksChange((body: SessionInput) =>
    unwrap(api.PATCH("/api/v1/sessions/{id}/", { params: { path: { id } }, body })),
  );
}

export function useCancelSession() {
  return useWeeksChange((id: number) =>
    unwrap(api.POST("/api/v1/sessions/{id}/cancel/", { params: { path: { id } } })),
  );
}

export function useRegistration() {
  return useWeeksChange(
    ({
      session,
      action,
      despiteClash = false,
    }: {
      session: number;
      action: "register" | "cancel";
      despiteClash?: boolean;
    }) =>
      action === "register"
        ? unwrap(
            api.POST("/api/v1/sessions/{id}/registration/", {
              params: { path: { id: session } },
              body: { despite_clash: despiteClash },
            }),
          )
        : unwrap(api.DELETE("/api/v1/sessions/{id}/registration/", { params: { path: { id: session } } })),
  );
}

export type AttendanceStatus = Schemas["AttendanceStatusEnum"];
export type RosterEntry = Schemas["RosterEntry"];
export const ATTENDANCE_STATUSES: AttendanceStatus[] = ["on_time", "late", "left_early", "absent"];

export function useSession(id: number) {
  return useQuery({
    queryKey: ["weeks", "session", id],
    queryFn: () => unwrap(api.GET("/api/v1/sessions/{id}/", { params: { path: { id } } })),
    retry: false,
  });
}

/** The organiser's check-in screen: read again as the code changes. */
export function useCheckInCode(sessionId: number) {
  return useQuery({
    queryKey: ["weeks", "check-in", sessionId],
    queryFn: () =>
      unwrap(api.GET("/api/v1/sessions/{id}/check-in/", { params: { path: { id: sessionId } } })),
    refetchInterval: (query) => {
      const until = query.state.data?.valid_until;
      // The new code, a moment after the old one expires; while closed, whether it opened.
      return until ? Math.max(new Date(until).getTime() - Date.now() + 500, 1000) : 30_000;
    },
    refetchIntervalInBackground: true,
  });
}

/** Who is registered and whether they are there, read again every few seconds on the
organiser's check-in screen. */
export function useRoster(sessionId: number, live = false) {
  return useQuery({
    queryKey: ["weeks", "roster", sessionId],
    queryFn: () => unwrap(api.GET("/api/v1/sessions/{id}/roster/", { params: { path: { id: sessionId } } })),
    refetchInterval: live ? 10_000 : false,
  });
}

export function useMarkAttendance(sessionId: number) {
  return useWeeksChange((body: { person: number; status: AttendanceStatus }) =>
    unwrap(api.POST("/api/v1/sessions/{id}/roster/", { params: { path: { id: sessionId } }, body })),
  );
}

export function useCheckIn() {
  return useWeeksChange(({ session, code }: { session: number; code: string }) =>
    unwrap(
      api.POST("/api/v1/sessions/{id}/check-in/", { params: { path: { id: session } }, body: { code } }),
    ),
  );
}

export function useCheckOut() {
  return useWeeksChange((session: number) =>
    unwrap(api.POST("/api/v1/sessions/{id}/check-out/", { params: { path: { id: session } } })),
  );
}

export function useWeekAttendance(weekId: number) {
  return useQuery({
    queryKey: ["weeks", "attendance", weekId],
    queryFn: () =>
      unwrap(
        api.GET("/api/v1/exchange-weeks/{week_id}/attendance/", { params: { path: { week_id: weekId } } }),
      ),
  });
}

export function useSessionFeedback(sessionId: number, enabled: boolean) {
  return useQuery({
    queryKey: ["weeks", "feedback", sessionId],
    queryFn: () =>
      unwrap(api.GET("/api/v1/sessions/{id}/feedback/", { params: { path: { id: sessionId } } })),
    enabled,
  });
}

export function useGiveFeedback(sessionId: number) {
  return useWeeksChange((body: { rating: number; comment: string }) =>
    unwrap(api.POST("/api/v1/sessions/{id}/feedback/", { params: { path: { id: sessionId } }, body })),
  );
}

export function useMyCalendar(enabled: boolean) {
  return useQuery({
    queryKey: ["weeks", "my-calendar"],
    queryFn: () => unwrap(api.GET("/api/v1/me/calendar/")),
    enabled,
  });
}

export function useMakeCalendar() {
  return useWeeksChange(() => unwrap(api.POST("/api/v1/me/calendar/")));
}

export function useRevokeCalendar() {
  return useWeeksChange(() => unwrap(api.DELETE("/api/v1/me/calendar/")));
}

export function useProgrammeCompletion(weekId: number) {
  return useQuery({
    queryKey: ["weeks", "completion", weekId],
    queryFn: () =>
      unwrap(
        api.GET("/api/v1/exchange-weeks/{week_id}/completion/", { params: { path: { week_id: weekId } } }),
      ),
  });
}

export type Proposal = Schemas["Proposal"];

export function useProposeTimetable(weekId: number) {
  return useMutation({
    mutationFn: (keep: number[]) =>
      unwrap(
        api.POST("/api/v1/exchange-weeks/{week_id}/timetable/", {
          params: { path: { week_id: weekId } },
          body: { keep },
        }),
      ),
  });
}

export type ScheduleMove = Schemas["ScheduleMoveRequest"];

export function useApplySchedule(weekId: number) {
  return useWeeksChange(({ placements, name = "" }: { placements: ScheduleMove[]; name?: string }) =>
    unwrap(
      api.POST("/api/v1/exchange-weeks/{week_id}/schedule/", {
        params: { path: { week_id: weekId } },
        body: { placements, name },
      }),
    ),
  );
}

export function useScheduleVersions(weekId: number) {
  return useQuery({
    queryKey: ["weeks", "versions", weekId],
    queryFn: () =>
      unwrap(
        api.GET("/api/v1/exchange-weeks/{week_id}/versions/", { params: { path: { week_id: weekId } } }),
      ),
  });
}

export function useScheduleBoard(weekId: number) {
  return useQuery({
    queryKey: ["weeks", "board", weekId],
    queryFn: () =>
      unwrap(
        api.GET("/api/v1/exchange-weeks/{week_id}/schedule/", { params: { path: { week_id: weekId } } }),
      ),
  });
}
