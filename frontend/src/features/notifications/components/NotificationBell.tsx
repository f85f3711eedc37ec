import { BellOutlined } from "@ant-design/icons";
import { useQueryClient } from "@tanstack/react-query";
import { App, Badge, Button, Drawer, Empty, Flex, Typography } from "antd";
import { useCallback, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";

import { useFormat } from "@/lib/format";
import { useFrames, type FrameOf } from "@/lib/realtime";

import {
  useMarkAllRead,
  useMarkRead,
  useNotifications,
  useUnreadNotifications,
  type Notification,
} from "../api/notifications";

function useNotificationText() {
  const { t } = useTranslation();
  return (notification: Pick<Notification, "actor" | "target"> & { kind: string }) =>
    t(`notifications.kinds.${notification.kind as Notification["kind"]}`, {
      actor: notification.actor ?? "",
      group: notification.target?.label ?? "",
    });
}

/** The bell in the header: what the person was told, live, kept until read. */
export function NotificationBell() {
  const { t } = useTranslation();
  const format = useFormat();
  const text = useNotificationText();
  const { notification: toast } = App.useApp();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const unread = useUnreadNotifications();
  const list = useNotifications();
  const markAllRead = useMarkAllRead();
  const markRead = useMarkRead();

  const onNotification = useCallback(
    (frame: FrameOf<"notification">) => {
      void queryClient.invalidateQueries({ queryKey: ["notifications"] });
      toast.info({ title: text(frame.notification), placement: "bottomRight" });
    },
    [queryClient, text, toast],
  );
  useFrames("notification", onNotification);
  // Back after a disconnection: what was told meanwhile is only in the list, so read it again.
  const onReady = useCallback(
    () => void queryClient.invalidateQueries({ queryKey: ["notifications"] }),
    [queryClient],
  );
  useFrames("ready", onReady);

  const count = unread.data?.count ?? 0;
  return (
    <>
      <Badge count={count} size="small">
        <Button
          type="text"
          icon={<BellOutlined aria-hidden />}
          aria-label={t("notifications.open", { count })}
          onClick={() => setOpen(true)}
        />
      </Badge>
      <Drawer
        open={open}
        onClose={() => setOpen(false)}
        title={t("notifications.title")}
        extra={
          <Button size="small" disabled={count === 0} onClick={() => markAllRead.mutate()}>
            {t("notifications.markAllRead")}
          </Button>
        }
      >
        {list.data && list.data.results.length === 0 ? (
          <Empty description={t("notifications.empty")} />
        ) : (
          <Flex vertical gap={12} role="list">
            {list.data?.results.map((item) => (
              <Flex key={item.id} vertical role="listitem" style={{ opacity: item.read_at ? 0.7 : 1 }}>
                <Typography.Text strong={!item.read_at}>
                  {item.target?.link ? (
                    <Link
                      to={item.target.link}
                      onClick={() => {
                        setOpen(false);
                        if (!item.read_at) {
                          markRead.mutate([item.id]);
                        }
                      }}
                    >
                      {text(item)}
                    </Link>
                  ) : (
                    text(item)
                  )}
                </Typography.Text>
                {item.excerpt && <Typography.Text type="secondary">“{item.excerpt}”</Typography.Text>}
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {format.dateTime(item.created_at)}
                </Typography.Text>
              </Flex>
            ))}
          </Flex>
        )}
      </Drawer>
    </>
  );
}
