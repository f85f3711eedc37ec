import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import { api, unwrap, type Schemas } from "@/lib/api";

export type MatchRun = Schemas["MatchRun"];
export type MatchRunStatus = Schemas["MatchRunStatusEnum"];
export type Suggestion = Schemas["Suggestion"];
export type SuggestionStatus = Schemas["SuggestionStatusEnum"];
export type Candidate = Schemas["Candidate"];
export type RunnerUp = Schemas["RunnerUp"];
export type UnfilledSeats = Schemas["UnfilledSeats"];
export type Fix = Schemas["Fix"];
export type Decision = Schemas["DecisionEnum"];
export type WhatIfAnswer = Schemas["WhatIf"];
export type WhatIfSeat = Schemas["Seat"];
export type WhatIfMove = Schemas["Moved"];
export type DepartmentBalance = Schemas["DepartmentBalance"];
export type DepartmentApprovals = Schemas["DepartmentApprovals"];
export type ApprovalTime = Schemas["ApprovalTime"];

export interface SuggestionFilters {
  status?: SuggestionStatus;
  department?: number;
  skill?: string;
  min_fit?: number;
  page?: number;
  page_size?: number;
}

/** How often a run still queued or running is read again. Its steps also arrive over the
 * socket (``match_run`` frames), at once, when the task runner's worker and the server share a
 * channel layer (Redis); on the embedded in-memory layer the worker cannot reach the sockets. */
const UNFINISHED_POLL_MS = 3000;

function unfinished(run: MatchRun): boolean {
  return run.status === "queued" || run.status === "running";
}

export function useMatchRuns(page: number, pageSize: number) {
  return useQuery({
    queryKey: ["match-runs", "list", page, pageSize],
    queryFn: () =>
      unwrap(api.GET("/api/v1/match-runs/", { params: { query: { page, page_size: pageSize } } })),
    placeholderData: keepPreviousData,
    refetchInterval: (query) => (query.state.data?.results.some(unfinished) ? UNFINISHED_POLL_MS : false),
  });
}

export function useMatchRun(id: number) {
  return useQuery({
    queryKey: ["match-runs", "detail", id],
    queryFn: () => unwrap(api.GET("/api/v1/match-runs/{id}/", { params: { path: { id } } })),
    retry: false,
    refetchInterval: (query) =>
      query.state.data && unfinished(query.state.data) ? UNFINISHED_POLL_MS : false,
  });
}

export function useStartRun() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas["MatchRunInputRequest"]) => unwrap(api.POST("/api/v1/match-runs/", { body })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ["match-runs"] }),
  });
}

export function useSuggestions(runId: number, filters: SuggestionFilters) {
  return useQuery({
    queryKey: ["match-runs", "suggestions", runId, filters],
    queryFn: () =>
      unwrap(
        api.GET("/api/v1/match-runs/{run_id}/suggestions/", {
          params: { path: { run_id: runId }, query: filters },
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

export function useUnfilled(runId: number, page: number, pageSize: number) {
  return useQuery({
    queryKey: ["match-runs", "unfilled", runId, page, pageSize],
    queryFn: () =>
      unwrap(
        api.GET("/api/v1/match-runs/{run_id}/unfilled/", {
          params: { path: { run_id: runId }, query: { page, page_size: pageSize } },
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

/** Decide suggestions of a run: one goes to its own endpoint, several to the run's, all or none. */
export function useDecide(runId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({
      ids,
      decision,
      comment,
    }: {
      ids: number[];
      decision: Decision;
      comment: string;
    }) => {
      const [only, ...others] = ids;
      if (only !== undefined && others.length === 0) {
        const decided = await unwrap(
          api.POST("/api/v1/suggestions/{suggestion_id}/decision/", {
            params: { path: { suggestion_id: only } },
            body: { decision, comment },
          }),
        );
        return [decided];
      }
      return unwrap(
        api.POST("/api/v1/match-runs/{run_id}/decisions/", {
          params: { path: { run_id: runId } },
          body: { suggestions: ids, decision, comment },
        }),
      );
    },
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ["match-runs"] }),
  });
}

export function useReveal() {
  return useMutation({
    mutationFn: ({ id, reason }: { id: number; reason: string }) =>
      unwrap(
        api.POST("/api/v1/suggestions/{suggestion_id}/reveal/", {
          params: { path: { suggestion_id: id } },
          body: { reason },
        }),
      ),
  });
}

/** The run's proposal again with changes, beside it without them; nothing is stored. */
export function useWhatIf(runId: number) {
  return useMutation({
    mutationFn: (body: Schemas["WhatIfInputRequest"]) =>
      unwrap(api.POST("/api/v1/match-runs/{run_id}/what-if/", { params: { path: { run_id: runId } }, body })),
  });
}

/** Who lends to whom in a run: its suggestions still standing, and each department's balance. */
export function useRunFlow(runId: number) {
  return useQuery({
    queryKey: ["match-runs", "flow", runId],
    queryFn: () =>
      unwrap(api.GET("/api/v1/match-runs/{run_id}/flow/", { params: { path: { run_id: runId } } })),
  });
}

/** Who lends to whom now (secondments approved or active), and how long approvals take. */
export function useSecondmentFlow() {
  return useQuery({
    queryKey: ["secondments", "flow"],
    queryFn: () => unwrap(api.GET("/api/v1/secondments/flow/")),
  });
}
