import { useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";

import { useFrames, type FrameOf } from "@/lib/realtime";

/**
 * Keep the weeks on screen in step with what happens to the person elsewhere: a seat given from
 * the waiting list or a session called off arrives as a notification about a session and reloads
 * the weeks, so the page shows the new standing without a reload.
 */
export function useSessionNews() {
  const queryClient = useQueryClient();
  const onNotification = useCallback(
    (frame: FrameOf<"notification">) => {
      if (frame.notification.target?.kind === "session") {
        void queryClient.invalidateQueries({ queryKey: ["weeks"] });
      }
    },
    [queryClient],
  );
  useFrames("notification", onNotification);
}
