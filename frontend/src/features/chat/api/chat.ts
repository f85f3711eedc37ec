import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import { api, unwrap, type Schemas } from "@/lib/api";

export type Room = Schemas["Room"];
export type RoomMember = Schemas["RoomMember"];
export type Topic = Schemas["Topic"];
export type Message = Schemas["Message"];

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

export type MessageRevision = Schemas["MessageRevision"];

/** How many earlier texts of a message are read at once: the most a page of the API holds. A
 * message is edited by its author within 15 minutes of writing it, so rarely more than a few. */
export const REVISIONS_PAGE = 100;

/** A message's earlier texts, oldest first (its current text is the message's own); read only
 * while ``enabled`` (its history is open), and again after each edit (``editedAt``). */
export function useMessageRevisions(
  room: number,
  message: number,
  editedAt: string | null,
  enabled: boolean,
) {
  return useQuery({
    queryKey: ["rooms", room, "messages", message, "revisions", editedAt],
    queryFn: () =>
      unwrap(
        api.GET("/api/v1/rooms/{room_id}/messages/{message_id}/revisions/", {
          params: { path: { room_id: room, message_id: message }, query: { page_size: REVISIONS_PAGE } },
        }),
      ),
    enabled,
  });
}

/** The room's messages matching ``q`` (best first), a page of ``pageSize`` at a time; none asked
 * while ``q`` is empty. */
export function useMessageSearch(room: number, q: string, page: number, pageSize: number) {
  return useQuery({
    queryKey: ["rooms", room, "search", q, page, pageSize],
    queryFn: () =>
      unwrap(
        api.GET("/api/v1/rooms/{room_id}/messages/search/", {
          params: { path: { room_id: room }, query: { q, page, page_size: pageSize } },
        }),
      ),
    enabled: q !== "",
    placeholderData: keepPreviousData,
  });
}
