import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import { api, unwrap, type Schemas } from "@/lib/api";

export type Room = Schemas["Room"];
export type RoomMember = Schemas["RoomMember"];
export type Topic = Schemas["Topic"];

export const roomKey = (room: number) => ["rooms", room] as const;
export const topicsKey = (room: number) => ["rooms", room, "topics"] as const;

/** The room as the signed-in member sees it: read-only or not, moderator or not, read up to. */
export function useRoom(room: number) {
  return useQuery({
    queryKey: roomKey(room),
    queryFn: () => unwrap(api.GET("/api/v1/rooms/{room_id}/", { params: { path: { room_id: room } } })),
  });
}

/** The room's members, by name; ``q`` finds some by name or username. */
export function useRoomMembers(room: number, q = "") {
  return useQuery({
    queryKey: ["rooms", room, "members", q],
    queryFn: () =>
      unwrap(
        api.GET("/api/v1/rooms/{room_id}/members/", {
          params: { path: { room_id: room }, query: { q: q || undefined, page_size: 100 } },
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

export async function fetchMessages(
  room: number,
  query: { before?: number; after?: number; limit?: number },
) {
  return unwrap(api.GET("/api/v1/rooms/{room_id}/messages/", { params: { path: { room_id: room }, query } }));
}

export function useTopics(room: number) {
  return useQuery({
    queryKey: topicsKey(room),
    queryFn: () =>
      unwrap(api.GET("/api/v1/rooms/{room_id}/topics/", { params: { path: { room_id: room } } })),
  });
}

export function useCreateTopic(room: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (title: string) =>
      unwrap(
        api.POST("/api/v1/rooms/{room_id}/topics/", { params: { path: { room_id: room } }, body: { title } }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: topicsKey(room) }),
  });
}
