import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import { api, unwrap, type Schemas } from "@/lib/api";
import { AVAILABILITY_KEY } from "@/lib/availability";

export type MySkill = Schemas["MySkill"];
export type AvailabilityInput = Schemas["AvailabilityRequest"];

export type SignedInSession = Schemas["SignedInSession"];
export type TokenStatus = Schemas["TokenStatus"];

const SKILLS_KEY = ["me", "skills"] as const;
const SESSIONS_KEY = ["me", "sessions"] as const;
const TOKEN_KEY = ["me", "token"] as const;

/** My new password; the server ends my other sessions and my API token. */
export function useChangePassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { current_password: string; new_password: string }) =>
      unwrap(api.POST("/api/v1/me/password/", { body })),
    onSuccess: () => {
      queryClient.setQueryData(TOKEN_KEY, null);
      return queryClient.invalidateQueries({ queryKey: SESSIONS_KEY });
    },
  });
}

export function useMySkills() {
  return useQuery({
    queryKey: SKILLS_KEY,
    queryFn: () => unwrap(api.GET("/api/v1/me/skills/", { params: { query: { page_size: 100 } } })),
  });
}

function useSkillMutation<Variables>(call: (variables: Variables) => Promise<unknown>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: SKILLS_KEY }),
  });
}

export function useAddSkill() {
  return useSkillMutation((body: { skill: number; level: number }) =>
    unwrap(api.POST("/api/v1/me/skills/", { body })),
  );
}

export function useSetSkillLevel() {
  return useSkillMutation(({ skill, level }: { skill: number; level: number }) =>
    unwrap(
      api.PUT("/api/v1/me/skills/{skill_id}/", { params: { path: { skill_id: skill } }, body: { level } }),
    ),
  );
}

export function useRemoveSkill() {
  return useSkillMutation((skill: number) =>
    unwrap(api.DELETE("/api/v1/me/skills/{skill_id}/", { params: { path: { skill_id: skill } } })),
  );
}

/** The caller's opt-in to secondment, or null when they have not opted in. */
export function useSetAvailability() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: AvailabilityInput) => unwrap(api.PUT("/api/v1/me/availability/", { body })),
    onSuccess: (saved) => queryClient.setQueryData(AVAILABILITY_KEY, saved),
  });
}

export function useWithdrawAvailability() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.DELETE("/api/v1/me/availability/")),
    onSuccess: () => queryClient.setQueryData(AVAILABILITY_KEY, null),
  });
}

export function useUpdateContact() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { email?: string; phone?: string }) => unwrap(api.PATCH("/api/v1/me/", { body })),
    onSuccess: (me) => queryClient.setQueryData(["me"], me),
  });
}

/** The browser sessions I am signed in with, the latest active first. */
export function useMySessions() {
  return useQuery({
    queryKey: SESSIONS_KEY,
    queryFn: () => unwrap(api.GET("/api/v1/me/sessions/")),
  });
}

/** End one of my sessions (this one too: that signs me out here). */
export function useEndSession() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      unwrap(api.DELETE("/api/v1/me/sessions/{session_id}/", { params: { path: { session_id: id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: SESSIONS_KEY }),
  });
}

export function useEndOtherSessions() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.POST("/api/v1/me/sessions/others/")),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: SESSIONS_KEY }),
  });
}

/** When my API token was issued and expires, or null when I have none. */
export function useMyToken() {
  return useQuery({
    queryKey: TOKEN_KEY,
    // Nothing (204) while there is none.
    queryFn: async (): Promise<TokenStatus | null> => (await unwrap(api.GET("/api/v1/auth/token/"))) ?? null,
  });
}

export function useRevokeToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.DELETE("/api/v1/auth/token/")),
    onSuccess: () => queryClient.setQueryData(TOKEN_KEY, null),
  });
}
