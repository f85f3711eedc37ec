import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import { api, unwrap, type Schemas } from "@/lib/api";

export type Group = Schemas["Group"];
export type GroupInput = Schemas["GroupInputRequest"];
export type Member = Schemas["Member"];
export type MemberRole = Schemas["MemberRoleEnum"];
export type MembershipStatus = Schemas["MembershipStatusEnum"];

/** Newcomers to a full group wait in order for a place. */
export function isFull(group: Group): boolean {
  return group.capacity !== null && group.member_count >= group.capacity;
}

export interface GroupFilters {
  q?: string;
  skill?: string;
  department?: number;
  target_tier?: Schemas["TierEnum"];
  mine?: boolean;
  page?: number;
  page_size?: number;
}

export function useGroups(filters: GroupFilters) {
  return useQuery({
    queryKey: ["groups", "list", filters],
    queryFn: () => unwrap(api.GET("/api/v1/groups/", { params: { query: filters } })),
    placeholderData: keepPreviousData,
  });
}

export function useGroup(id: number) {
  return useQuery({
    queryKey: ["groups", "detail", id],
    queryFn: () => unwrap(api.GET("/api/v1/groups/{id}/", { params: { path: { id } } })),
    retry: false,
  });
}

/** A change to a group: the group is read afresh, lists and members too. */
function useGroupChange<Variables>(id: number, call: (variables: Variables) => Promise<unknown>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ["groups"] });
      void queryClient.invalidateQueries({ queryKey: ["group-members", id] });
    },
  });
}

export function useCreateGroup() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: GroupInput) => unwrap(api.POST("/api/v1/groups/", { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["groups"] }),
  });
}

export function useUpdateGroup(id: number) {
  return useGroupChange(id, (body: GroupInput) =>
    unwrap(api.PATCH("/api/v1/groups/{id}/", { params: { path: { id } }, body })),
  );
}

export function useMembershipAction(id: number) {
  return useGroupChange(id, (action: "join" | "leave" | "archive") => {
    const path = { params: { path: { id } } };
    if (action === "join") {
      return unwrap(api.POST("/api/v1/groups/{id}/join/", path));
    }
    if (action === "leave") {
      return unwrap(api.POST("/api/v1/groups/{id}/leave/", path));
    }
    return unwrap(api.POST("/api/v1/groups/{id}/archive/", path));
  });
}

export interface MembersQuery {
  q?: string;
  status?: Exclude<MembershipStatus, "left" | "removed" | "rejected">;
  page?: number;
  page_size?: number;
}

export function useMembers(id: number, query: MembersQuery, enabled: boolean) {
  return useQuery({
    queryKey: ["group-members", id, query],
    queryFn: () => unwrap(api.GET("/api/v1/groups/{id}/members/", { params: { path: { id }, query } })),
    enabled,
    placeholderData: keepPreviousData,
  });
}

export function useInvite(id: number) {
  return useGroupChange(id, (user: number) =>
    unwrap(api.POST("/api/v1/groups/{id}/invitations/", { params: { path: { id } }, body: { user } })),
  );
}

export function useModerate(id: number) {
  return useGroupChange(
    id,
    ({
      membership,
      action,
      role,
    }: {
      membership: number;
      action: "approve" | "reject" | "remove" | "role";
      role?: MemberRole;
    }) => {
      const path = { params: { path: { id, membership_id: membership } } };
      switch (action) {
        case "approve":
          return unwrap(api.POST("/api/v1/groups/{id}/members/{membership_id}/approve/", path));
        case "reject":
          return unwrap(api.POST("/api/v1/groups/{id}/members/{membership_id}/reject/", path));
        case "remove":
          return unwrap(api.POST("/api/v1/groups/{id}/members/{membership_id}/remove/", path));
        case "role":
          return unwrap(
            api.POST("/api/v1/groups/{id}/members/{membership_id}/role/", {
              ...path,
              body: { role: role ?? "member" },
            }),
          );
      }
    },
  );
}
