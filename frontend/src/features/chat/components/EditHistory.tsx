import { Alert, Button, Flex, Modal, Spin, Typography } from "antd";
import { useTranslation } from "react-i18next";

import { useErrorText } from "@/lib/errors";
import { useFormat } from "@/lib/format";
import type { ChatMessage } from "@/lib/realtime";

import { useMessageRevisions } from "../api/chat";
import { MessageBody } from "./MessageBody";

/** An edited message's texts, from the first to the one it shows now, each with when it was
 * written; read from the server while open. */
export function EditHistory({
  room,
  message,
  open,
  onClose,
}: {
  room: number;
  message: ChatMessage;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const errorText = useErrorText();
  const revisions = useMessageRevisions(room, message.id, message.edited_at, open);

  let content;
  if (revisions.isPending) {
    content = (
      <Flex justify="center" style={{ padding: 24 }}>
        <Spin description={t("common.loading")} />
      </Flex>
    );
  } else if (revisions.isError) {
    content = <Alert type="error" showIcon title={errorText(revisions.error)} />;
  } else {
    const earlier = revisions.data.results;
    // Each text was written when the one before it was replaced; the first with the message.
    const versions = [
      ...earlier.map((revision, index) => ({
        label: index === 0 ? t("chat.historyOriginal") : t("chat.historyVersion", { number: index + 1 }),
        writtenAt: index === 0 ? message.created_at : (earlier[index - 1]?.replaced_at ?? message.created_at),
        body: revision.body,
        current: false,
      })),
      {
        label: t("chat.historyCurrent"),
        writtenAt: message.edited_at ?? earlier.at(-1)?.replaced_at ?? message.created_at,
        body: message.body,
        current: true,
      },
    ];
    content = (
      <Flex vertical gap={8}>
        {revisions.data.count > earlier.length && (
          <Alert
            type="info"
            showIcon
            title={t("chat.historyPartial", { shown: earlier.length, count: revisions.data.count })}
          />
        )}
        <ol style={{ listStyle: "none", margin: 0, padding: 0 }}>
          {versions.map((version, index) => (
            <li
              key={index}
              aria-current={version.current ? "true" : undefined}
              style={{
                padding: "8px 12px",
                marginBottom: 8,
                borderInlineStart: `3px solid ${version.current ? "#1f4e8c" : "#d9d9d9"}`,
                background: version.current ? "#f0f5ff" : undefined,
              }}
            >
              <Flex gap={8} wrap align="baseline">
                <Typography.Text strong>{version.label}</Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  <time dateTime={version.writtenAt}>{format.dateTime(version.writtenAt)}</time>
                </Typography.Text>
              </Flex>
              <MessageBody text={version.body} />
            </li>
          ))}
        </ol>
      </Flex>
    );
  }
  return (
    <Modal
      open={open}
      title={t("chat.history")}
      onCancel={onClose}
      footer={<Button onClick={onClose}>{t("chat.close")}</Button>}
      destroyOnHidden
    >
      {content}
    </Modal>
  );
}
