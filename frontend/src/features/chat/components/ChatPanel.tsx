import {
  DeleteOutlined,
  EditOutlined,
  HistoryOutlined,
  RollbackOutlined,
  SendOutlined,
} from "@ant-design/icons";
import {
  Alert,
  App,
  Avatar,
  Button,
  Card,
  Divider,
  Flex,
  Input,
  Mentions,
  Popconfirm,
  Select,
  Space,
  Tooltip,
  Typography,
} from "antd";
import { Fragment, useEffect, useLayoutEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useLocation } from "react-router";

import { Loading, QueryError } from "@/components/PageStates";
import { ToneTag } from "@/components/tags";
import { useFormat } from "@/lib/format";
import type { ChatMessage } from "@/lib/realtime";
import { useNow } from "@/lib/useNow";

import { useCreateTopic, useRoom, useRoomMembers, useTopics, type Room } from "../api/chat";
import { useChat, type Refusal } from "../hooks/useChat";
import { EditHistory } from "./EditHistory";
import { MessageBody } from "./MessageBody";
import { MessageSearch } from "./MessageSearch";

const EDIT_WINDOW_MS = 15 * 60_000;

/** While the list of people to mention is open, Enter picks one instead of sending. */
function mentionListOpen(): boolean {
  return document.querySelector(".ant-mentions-dropdown:not(.ant-mentions-dropdown-hidden)") !== null;
}

/** Codes of the socket's refusals that the interface explains in the reader's language. */
const KNOWN_REFUSALS = [
  "rate_limited",
  "not_member",
  "archived",
  "blank",
  "too_long",
  "unknown_topic",
  "unknown_message",
  "not_author",
  "edit_window",
] as const;
type KnownRefusal = (typeof KNOWN_REFUSALS)[number];

function isKnown(code: string): code is KnownRefusal {
  return (KNOWN_REFUSALS as readonly string[]).includes(code);
}

/** A refusal in the reader's language: ours when the code is known, else the server's words
 * (which the server writes in the person's language too). */
function useRefusalText() {
  const { t } = useTranslation();
  return (refusal: Refusal) => (isKnown(refusal.code) ? t(`chat.refused.${refusal.code}`) : refusal.detail);
}

/** The live chat of a room (a study group's or an exchange week's), for its members; opened
on ``topic`` when given (a session's, say). */
export function ChatPanel({ room, myId, topic }: { room: number; myId: number; topic?: number }) {
  const details = useRoom(room);
  if (details.isPending) {
    return <Loading />;
  }
  if (details.isError) {
    return <QueryError error={details.error} />;
  }
  return <RoomChat key={`${room}-${topic ?? "all"}`} room={details.data} myId={myId} topic={topic} />;
}

function RoomChat({ room, myId, topic: openedOn }: { room: Room; myId: number; topic?: number }) {
  const { t } = useTranslation();
  const format = useFormat();
  const refusalText = useRefusalText();
  const { modal, message: toast } = App.useApp();
  const chat = useChat(room.id, myId);
  const roster = useRoomMembers(room.id);
  const [mentionSearch, setMentionSearch] = useState("");
  const mentionable = useRoomMembers(room.id, mentionSearch);
  const topics = useTopics(room.id);
  const createTopic = useCreateTopic(room.id);
  const moderating = room.is_moderator;
  const [draft, setDraft] = useState("");
  const [topic, setTopic] = useState<number | null>(openedOn ?? null);
  const [showTopic, setShowTopic] = useState<number | "all">(openedOn ?? "all");
  const [replyTo, setReplyTo] = useState<ChatMessage | null>(null);
  const [historyOf, setHistoryOf] = useState<number | null>(null);
  // Where the unread line goes: what was read when the page opened, not what it marks read.
  const [unreadFrom] = useState(room.last_read_message_id);
  const now = useNow(30_000);
  const list = useRef<HTMLDivElement>(null);
  const stickToBottom = useRef(true);

  const shown = chat.messages.filter((message) => showTopic === "all" || message.topic === showTopic);
  const firstUnread = shown.find((message) => message.id > unreadFrom && message.author?.id !== myId)?.id;

  useLayoutEffect(() => {
    const element = list.current;
    if (element && stickToBottom.current) {
      element.scrollTop = element.scrollHeight;
    }
  }, [shown.length, chat.pending.length]);

  useEffect(() => {
    stickToBottom.current = true;
  }, [room.id]);

  // Opened at a message (a notification's link or a search result: #message-12) or with
  // messages unread: the log shows that message, or the unread line, at its top rather than the
  // end, once it has loaded them. A message older than those loaded is loaded first, with all
  // those between. Each new address of a message (the same search result followed again too)
  // shows it again.
  const { hash, key } = useLocation();
  const wanted = Number(/^#message-(\d+)$/.exec(hash)?.[1]) || undefined;
  const anchor = wanted === undefined ? hash : key;
  const [highlighted, setHighlighted] = useState<number>();
  const positionedFor = useRef<string>(undefined);
  const loadingFor = useRef<string>(undefined);
  useLayoutEffect(() => {
    const element = list.current;
    if (!element || !chat.loaded || positionedFor.current === anchor) {
      return;
    }
    const message = chat.messages.find((held) => held.id === wanted);
    if (wanted !== undefined && message === undefined) {
      const oldest = chat.messages[0]?.id;
      if (loadingFor.current !== anchor && chat.hasOlder && oldest !== undefined && wanted < oldest) {
        loadingFor.current = anchor;
        void chat.loadThrough(wanted);
        return;
      }
      if (chat.loadingOlder) {
        return; // shown once its page arrives
      }
      void toast.warning(t("chat.outOfReach"));
    }
    positionedFor.current = anchor;
    const target =
      (message && element.querySelector<HTMLElement>(`[data-message-id="${message.id}"]`)) ||
      element.querySelector<HTMLElement>("[data-unread-line]");
    if (target) {
      element.scrollTop = target.offsetTop - 8;
      stickToBottom.current = false;
      setHighlighted(target.dataset.messageId ? wanted : undefined);
      if (message) {
        element.scrollIntoView({ block: "nearest" });
      }
    }
  }, [chat, anchor, wanted, toast, t]);

  const submit = () => {
    const body = draft.trim();
    if (!body) {
      return;
    }
    chat.send(body, topic, replyTo?.id ?? null);
    setDraft("");
    setReplyTo(null);
    stickToBottom.current = true;
  };

  const editMessage = (message: ChatMessage) => {
    let text = message.body;
    void modal.confirm({
      title: t("chat.editTitle"),
      icon: null,
      content: (
        <Input.TextArea
          aria-label={t("chat.editTitle")}
          defaultValue={message.body}
          autoSize={{ minRows: 2, maxRows: 8 }}
          onChange={(event) => (text = event.target.value)}
        />
      ),
      okText: t("common.save"),
      cancelText: t("common.cancel"),
      onOk: () => {
        if (text.trim() && text !== message.body) {
          chat.edit(message.id, text.trim());
        }
      },
    });
  };

  const newTopic = () => {
    let title = "";
    void modal.confirm({
      title: t("chat.newTopic"),
      icon: null,
      content: <Input aria-label={t("chat.topicTitle")} onChange={(event) => (title = event.target.value)} />,
      okText: t("common.add"),
      cancelText: t("common.cancel"),
      onOk: () => (title.trim() ? createTopic.mutateAsync(title.trim()).then(() => undefined) : undefined),
    });
  };

  // Who else is here: counting oneself would say "1 online" to someone alone.
  const online = Object.entries(chat.presence).filter(
    ([id, state]) => state !== "offline" && id !== String(myId),
  );
  const memberName = (id: string) =>
    roster.data?.results.find((member) => String(member.id) === id)?.display_name;
  const topicName = (id: number | null) => topics.data?.find((item) => item.id === id)?.title;
  // As the log has it now: an edit made while its history is open shows there too.
  const historyMessage = chat.messages.find((message) => message.id === historyOf);

  return (
    <Card title={t("chat.title")} styles={{ body: { paddingInline: 12 } }}>
      <Flex gap={8} wrap align="center" style={{ marginBottom: 12 }}>
        <Tooltip
          title={format.list(
            online.flatMap(([id, state]) => {
              const name = memberName(id);
              return name
                ? [t("chat.presenceOf", { name, state: t(`chat.presence.${state as "online" | "idle"}`) })]
                : [];
            }),
          )}
        >
          <span tabIndex={0}>
            <ToneTag tone="green">{t("chat.online", { count: online.length })}</ToneTag>
          </span>
        </Tooltip>
        <Select<number | "all">
          aria-label={t("chat.showTopic")}
          value={showTopic}
          onChange={setShowTopic}
          style={{ minWidth: 140, maxWidth: "100%", flex: "1 1 160px" }}
          options={[
            { value: "all", label: t("chat.allTopics") },
            ...(topics.data ?? []).map((item) => ({ value: item.id, label: `# ${item.title}` })),
          ]}
        />
        <Button onClick={newTopic} disabled={room.archived}>
          {t("chat.newTopic")}
        </Button>
      </Flex>
      <MessageSearch
        room={room.id}
        topicName={topicName}
        onShow={(found) => {
          // A message of another topic than the one shown: all topics, so that it is there.
          if (showTopic !== "all" && found.topic !== showTopic) {
            setShowTopic("all");
          }
        }}
      />
      {chat.connection !== "open" && chat.connection !== "connecting" && (
        <Alert
          type="warning"
          showIcon
          title={t("chat.reconnecting")}
          style={{ marginBottom: 12 }}
          role="status"
        />
      )}
      {chat.removed && <Alert type="error" showIcon title={t("chat.removed")} style={{ marginBottom: 12 }} />}
      <div
        ref={list}
        role="log"
        aria-label={t("chat.messages")}
        aria-live="polite"
        tabIndex={0}
        onScroll={(event) => {
          const element = event.currentTarget;
          stickToBottom.current = element.scrollHeight - element.scrollTop - element.clientHeight < 40;
        }}
        // Positioned, so that a message's offsetTop is measured from the log's top.
        style={{ height: 420, overflowY: "auto", paddingInlineEnd: 8, position: "relative" }}
      >
        {chat.hasOlder && (
          <Flex justify="center">
            <Button type="link" loading={chat.loadingOlder} onClick={() => void chat.loadOlder()}>
              {t("chat.loadOlder")}
            </Button>
          </Flex>
        )}
        {chat.loaded && shown.length === 0 && chat.pending.length === 0 && (
          <Typography.Paragraph type="secondary" style={{ textAlign: "center", marginTop: 48 }}>
            {t("chat.empty")}
          </Typography.Paragraph>
        )}
        {shown.map((message) => {
          const mine = message.author?.id === myId;
          const editable = mine && !message.deleted && now - Date.parse(message.created_at) < EDIT_WINDOW_MS;
          const reply = message.reply_to
            ? chat.messages.find((held) => held.id === message.reply_to)
            : undefined;
          return (
            <Fragment key={message.id}>
              {message.id === firstUnread && (
                <Divider plain data-unread-line style={{ margin: "8px 0", borderColor: "#cf1322" }}>
                  <Typography.Text style={{ color: "#cf1322" }}>{t("chat.unreadLine")}</Typography.Text>
                </Divider>
              )}
              <Flex
                gap={10}
                style={{
                  padding: "6px 0",
                  background: message.id === highlighted ? "#fff7e6" : undefined,
                }}
                data-message-id={message.id}
                aria-current={message.id === highlighted ? "location" : undefined}
              >
                <Avatar style={{ backgroundColor: mine ? "#1f4e8c" : "#5b6b7d", flex: "none" }} aria-hidden>
                  {message.author?.display_name.slice(0, 1) ?? "?"}
                </Avatar>
                <Flex vertical style={{ minWidth: 0, flex: 1 }}>
                  <Flex gap={8} wrap align="center">
                    <Typography.Text strong>
                      {message.author?.display_name ?? t("chat.formerMember")}
                    </Typography.Text>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {format.dateTime(message.created_at)}
                    </Typography.Text>
                    {message.edited_at && !message.deleted && (
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {t("chat.edited")}
                      </Typography.Text>
                    )}
                    {!message.deleted && (
                      <Space size={0} style={{ marginInlineStart: "auto" }}>
                        {message.edited_at && (
                          <Tooltip title={t("chat.history")}>
                            <Button
                              type="text"
                              size="small"
                              icon={<HistoryOutlined aria-hidden />}
                              onClick={() => setHistoryOf(message.id)}
                            >
                              <span className="visually-hidden">
                                {t("chat.history")}: {message.author?.display_name ?? t("chat.formerMember")},{" "}
                                {format.dateTime(message.created_at)}
                              </span>
                            </Button>
                          </Tooltip>
                        )}
                        {!room.archived && (
                          <Button
                            type="text"
                            size="small"
                            icon={<RollbackOutlined aria-hidden />}
                            aria-label={t("chat.reply")}
                            onClick={() => setReplyTo(message)}
                          />
                        )}
                        {editable && !room.archived && (
                          <Button
                            type="text"
                            size="small"
                            icon={<EditOutlined aria-hidden />}
                            aria-label={t("chat.edit")}
                            onClick={() => editMessage(message)}
                          />
                        )}
                        {(mine || moderating) && !room.archived && (
                          <Popconfirm
                            title={t("chat.confirmDelete")}
                            okText={t("chat.delete")}
                            cancelText={t("common.cancel")}
                            okButtonProps={{ danger: true }}
                            onConfirm={() => chat.remove(message.id)}
                          >
                            <Button
                              type="text"
                              size="small"
                              danger
                              icon={<DeleteOutlined aria-hidden />}
                              aria-label={t("chat.delete")}
                            />
                          </Popconfirm>
                        )}
                      </Space>
                    )}
                  </Flex>
                  {message.topic !== null && showTopic === "all" && (
                    <span>
                      <ToneTag># {topicName(message.topic)}</ToneTag>
                    </span>
                  )}
                  {reply && (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis>
                      {t("chat.inReplyTo", {
                        name: reply.author?.display_name ?? t("chat.formerMember"),
                        text: reply.body || t("chat.deleted"),
                      })}
                    </Typography.Text>
                  )}
                  {message.deleted ? (
                    <Typography.Text type="secondary" italic>
                      {t("chat.deleted")}
                    </Typography.Text>
                  ) : (
                    <MessageBody text={message.body} />
                  )}
                </Flex>
              </Flex>
            </Fragment>
          );
        })}
        {chat.pending.map((item) => (
          <Flex key={item.clientId} gap={10} style={{ padding: "6px 0", opacity: item.error ? 1 : 0.6 }}>
            <Avatar style={{ backgroundColor: "#1f4e8c", flex: "none" }} aria-hidden>
              …
            </Avatar>
            <Flex vertical style={{ flex: 1 }}>
              <MessageBody text={item.body} />
              {item.error ? (
                <Space>
                  <Typography.Text type="danger">{refusalText(item.error)}</Typography.Text>
                  <Button size="small" onClick={() => chat.retry(item.clientId)}>
                    {t("chat.retry")}
                  </Button>
                  <Button size="small" type="text" onClick={() => chat.discard(item.clientId)}>
                    {t("chat.discard")}
                  </Button>
                </Space>
              ) : (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t("chat.sending")}
                </Typography.Text>
              )}
            </Flex>
          </Flex>
        ))}
      </div>
      <Typography.Text type="secondary" style={{ display: "block", minHeight: 22 }} aria-live="polite">
        {chat.typingNames.length > 0 && t("chat.typing", { names: format.list(chat.typingNames) })}
      </Typography.Text>
      {room.archived ? (
        <Alert type="info" showIcon title={t("chat.archived")} />
      ) : (
        <Flex vertical gap={8}>
          {replyTo && (
            <Alert
              type="info"
              title={t("chat.replyingTo", { name: replyTo.author?.display_name ?? "" })}
              description={replyTo.body}
              closable={{ onClose: () => setReplyTo(null) }}
            />
          )}
          <Mentions
            aria-label={t("chat.compose")}
            placeholder={t("chat.composePlaceholder")}
            value={draft}
            autoSize={{ minRows: 2, maxRows: 6 }}
            maxLength={4000}
            onChange={(value) => {
              setDraft(value);
              chat.notifyTyping();
            }}
            onKeyDown={(event) => {
              if (
                event.key === "Enter" &&
                !event.shiftKey &&
                !event.nativeEvent.isComposing &&
                !mentionListOpen()
              ) {
                event.preventDefault();
                submit();
              }
            }}
            onSearch={setMentionSearch}
            filterOption={false}
            options={(mentionable.data?.results ?? [])
              .filter((member) => member.id !== myId)
              .map((member) => ({
                value: member.username,
                label: `${member.display_name} (@${member.username})`,
              }))}
          />
          <Flex gap={8} justify="space-between" wrap>
            <Select<number | null>
              aria-label={t("chat.topic")}
              value={topic}
              onChange={setTopic}
              style={{ minWidth: 140, flex: "0 1 220px" }}
              options={[
                { value: null, label: t("chat.mainThread") },
                ...(topics.data ?? []).map((item) => ({ value: item.id, label: `# ${item.title}` })),
              ]}
            />
            <Button
              type="primary"
              icon={<SendOutlined aria-hidden />}
              onClick={submit}
              disabled={!draft.trim()}
            >
              {t("chat.send")}
            </Button>
          </Flex>
        </Flex>
      )}
      {historyMessage && (
        <EditHistory
          room={room.id}
          message={historyMessage}
          open={!historyMessage.deleted}
          onClose={() => setHistoryOf(null)}
        />
      )}
    </Card>
  );
}
