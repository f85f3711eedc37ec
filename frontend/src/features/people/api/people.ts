import { keepPreviousData, useMutation, useQuery } from "@tanstack/react-query";

import { api, unwrap, type Schemas } from "@/lib/api";

export type Person = Schemas["Person"];
export type Tier = Schemas["TierEnum"];

export interface PeopleFilters {
  q?: string;
  department?: number;
  include_subdepartments?: boolean;
  tier?: Tier;
  skill?: string;
  skill_level?: number;
  page?: number;
  page_size?: number;
}

export function usePeople(filters: PeopleFilters) {
  return useQuery({
    queryKey: ["people", "list", filters],
    queryFn: () => unwrap(api.GET("/api/v1/people/", { params: { query: filters } })),
    placeholderData: keepPreviousData,
  });
}

export function usePerson(id: number) {
  return useQuery({
    queryKey: ["people", "detail", id],
    queryFn: () => unwrap(api.GET("/api/v1/people/{id}/", { params: { path: { id } } })),
    retry: false,
  });
}

/** The unmasked phone and identity number, read for a reason; the server records who read them
 * and why. */
export function useReveal(id: number) {
  return useMutation({
    mutationFn: (reason: string) =>
      unwrap(api.POST("/api/v1/people/{id}/reveal/", { params: { path: { id } }, body: { reason } })),
  });
}

export function useVerifySkill(personId: number) {
  return useMutation({
    mutationFn: (skillId: number) =>
      unwrap(
        api.POST("/api/v1/people/{person_id}/skills/{skill_id}/verify/", {
          params: { path: { person_id: personId, skill_id: skillId } },
        }),
      ),
  });
}

/** A one-time, expiring link for the person to choose a password (administrators); also emailed
 * when the person has an email. */
export function useIssuePasswordLink(id: number) {
  return useMutation({
    mutationFn: () => unwrap(api.POST("/api/v1/people/{id}/password-link/", { params: { path: { id } } })),
  });
}
