import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect } from "react";

import type { Schemas } from "@/lib/api";
import { realtime, useFrames, type FrameOf } from "@/lib/realtime";

import type { Group } from "../api/groups";

type GroupList = Schemas["PaginatedGroupList"];

/**
 * Keep the groups on screen in step with what happens elsewhere: a decision about the person
 * (approved, promoted from the waiting list, invited, removed) arrives as a notification and
 * reloads the groups, so that the page shows the new standing (and the chat) without a reload.
 */
export function useGroupDecisions() {
  const queryClient = useQueryClient();
  const reload = useCallback(() => {
    void queryClient.invalidateQueries({ queryKey: ["groups"] });
    void queryClient.invalidateQueries({ queryKey: ["group-members"] });
  }, [queryClient]);
  const onNotification = useCallback(
    (frame: FrameOf<"notification">) => {
      if (frame.notification.target?.kind === "study_group") {
        reload();
      }
    },
    [reload],
  );
  useFrames("notification", onNotification);
  useFrames("room.removed", reload);
}

/**
 * The unread counts of the listed groups the person is in, kept live: their rooms are followed
 * (live events only) while the list shows, a new message from someone else counts one more, and
 * a read marker moved in another tab sets the count.
 */
export function useLiveUnreadCounts(groups: Group[], myId: number) {
  const queryClient = useQueryClient();
  const rooms = groups
    .filter((group) => group.my_membership?.status === "active")
    .map((group) => group.room)
    .join(",");

  useEffect(() => {
    const stops = rooms ? rooms.split(",").map((room) => realtime.follow(Number(room), null)) : [];
    return () => stops.forEach((stop) => stop());
  }, [rooms]);

  const change = useCallback(
    (room: number, count: (held: number) => number) =>
      queryClient.setQueriesData<GroupList>({ queryKey: ["groups", "list"] }, (list) =>
        list
          ? {
              ...list,
              results: list.results.map((group) =>
                group.room === room && group.unread_count !== null
                  ? { ...group, unread_count: count(group.unread_count) }
                  : group,
              ),
            }
          : list,
      ),
    [queryClient],
  );
  const onMessage = useCallback(
    (frame: FrameOf<"message.new">) => {
      if (frame.message.author?.id !== myId && !frame.message.deleted) {
        change(frame.message.room, (held) => held + 1);
      }
    },
    [change, myId],
  );
  const onUnread = useCallback((frame: FrameOf<"unread">) => change(frame.room, () => frame.count), [change]);
  const onSubscribed = useCallback(
    (frame: FrameOf<"subscribed">) => change(frame.room, () => frame.unread),
    [change],
  );
  useFrames("message.new", onMessage);
  useFrames("unread", onUnread);
  useFrames("subscribed", onSubscribed);
}
