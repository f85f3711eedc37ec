import { CloseOutlined } from "@ant-design/icons";
import { Alert, Button, Flex, Input, Pagination, Typography } from "antd";
import { Fragment, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation } from "react-router";

import { ToneTag } from "@/components/tags";
import { useErrorText } from "@/lib/errors";
import { useFormat } from "@/lib/format";

import { useMessageSearch, type Message } from "../api/chat";
import { excerpt, searchTerms } from "./excerpt";

const RESULTS_PAGE = 5;

/**
 * Search a room's history: each message found with its author, time and the words that matched,
 * and a link that shows it in the chat, in its place among the others (``#message-N``, which the
 * chat scrolls to and highlights, loading older messages when it has to).
 */
export function MessageSearch({
  room,
  topicName,
  onShow,
}: {
  room: number;
  topicName: (id: number | null) => string | undefined;
  /** A result is followed: the chat makes sure to show its topic. */
  onShow: (message: Message) => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const errorText = useErrorText();
  const { pathname, search } = useLocation();
  const [typed, setTyped] = useState("");
  const [query, setQuery] = useState("");
  const [page, setPage] = useState(1);
  const results = useMessageSearch(room, query, page, RESULTS_PAGE);
  const terms = useMemo(() => searchTerms(query), [query]);

  const close = () => {
    setTyped("");
    setQuery("");
    setPage(1);
  };

  return (
    <Flex vertical gap={8} style={{ marginBottom: 12 }}>
      <Input.Search
        aria-label={t("chat.search")}
        placeholder={t("chat.searchPlaceholder")}
        value={typed}
        maxLength={200}
        allowClear
        onChange={(event) => {
          setTyped(event.target.value);
          if (event.target.value === "") {
            close();
          }
        }}
        onSearch={(value) => {
          setQuery(value.trim());
          setPage(1);
        }}
      />
      {query !== "" && (
        <section
          aria-label={t("chat.searchResults")}
          style={{ border: "1px solid #f0f0f0", borderRadius: 8, padding: "8px 12px" }}
        >
          <Flex justify="space-between" align="center" gap={8}>
            <Typography.Text type="secondary" role="status">
              {results.data && t("chat.found", { count: results.data.count, query })}
            </Typography.Text>
            <Button
              type="text"
              size="small"
              icon={<CloseOutlined aria-hidden />}
              aria-label={t("chat.closeResults")}
              onClick={close}
            />
          </Flex>
          {results.isError && <Alert type="error" showIcon title={errorText(results.error)} />}
          <ol style={{ listStyle: "none", margin: 0, padding: 0 }}>
            {results.data?.results.map((message) => {
              const author = message.author?.display_name ?? t("chat.formerMember");
              const time = format.dateTime(message.created_at);
              const topic = topicName(message.topic);
              return (
                <li key={message.id} style={{ padding: "8px 0", borderTop: "1px solid #f0f0f0" }}>
                  <Flex gap={8} wrap align="baseline">
                    <Typography.Text strong>{author}</Typography.Text>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      <time dateTime={message.created_at}>{time}</time>
                    </Typography.Text>
                    {topic !== undefined && <ToneTag># {topic}</ToneTag>}
                    <Link
                      to={{ pathname, search, hash: `#message-${message.id}` }}
                      style={{ marginInlineStart: "auto" }}
                      onClick={() => onShow(message)}
                    >
                      {t("chat.showInChat")}
                      <span className="visually-hidden">
                        : {author}, {time}
                      </span>
                    </Link>
                  </Flex>
                  <Typography.Paragraph style={{ margin: 0, whiteSpace: "pre-wrap" }}>
                    {excerpt(message.body, terms).map((part, index) =>
                      part.match ? (
                        <mark key={index}>{part.text}</mark>
                      ) : (
                        <Fragment key={index}>{part.text}</Fragment>
                      ),
                    )}
                  </Typography.Paragraph>
                </li>
              );
            })}
          </ol>
          <Pagination
            size="small"
            simple
            current={page}
            pageSize={RESULTS_PAGE}
            total={results.data?.count ?? 0}
            onChange={setPage}
            hideOnSinglePage
            align="end"
          />
        </section>
      )}
    </Flex>
  );
}
