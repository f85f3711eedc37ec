import {
  App,
  Button,
  Card,
  Checkbox,
  Empty,
  Flex,
  Input,
  InputNumber,
  Pagination,
  Select,
  Space,
  Typography,
} from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";

import { DepartmentTreeSelect } from "@/components/DepartmentTreeSelect";
import { QueryError } from "@/components/PageStates";
import { useErrorText } from "@/lib/errors";
import { useFormat } from "@/lib/format";
import { toNumber, useUrlFilters } from "@/lib/url-state";

import {
  useDecide,
  useSuggestions,
  type Candidate,
  type MatchRun,
  type Suggestion,
  type SuggestionStatus,
} from "../api/review";
import { DecideModal, RevealModal } from "./DecisionModals";
import { DECISION_VERBS, candidateName, type Deciding } from "./shared";
import { SuggestionCard } from "./SuggestionCard";

const STATUSES: SuggestionStatus[] = ["proposed", "held", "accepted", "rejected", "withdrawn"];
const UNDECIDED: SuggestionStatus[] = ["proposed", "held"];

/** A run's suggestions, grouped by need, to decide one at a time or several at once. */
export function SuggestionsPanel({ run }: { run: MatchRun }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const { values, page, pageSize, update } = useUrlFilters([
    "status",
    "department",
    "skill",
    "min_fit",
  ] as const);
  const suggestions = useSuggestions(run.id, {
    status: values.status as SuggestionStatus | undefined,
    department: toNumber(values.department),
    skill: values.skill,
    min_fit: toNumber(values.min_fit),
    page,
    page_size: pageSize,
  });
  const decide = useDecide(run.id);
  const [picked, setPicked] = useState<number[]>([]);
  const [deciding, setDeciding] = useState<Deciding | null>(null);
  const [revealing, setRevealing] = useState<Suggestion | null>(null);
  const [revealed, setRevealed] = useState<Record<number, Candidate>>({});

  if (suggestions.isError) {
    return <QueryError error={suggestions.error} />;
  }
  const results = suggestions.data?.results ?? [];
  // Only what is on screen and still undecided can be decided in bulk (another page, a filter
  // or another reviewer may have taken the rest away).
  const undecidedHere = new Set(results.filter((s) => UNDECIDED.includes(s.status)).map((s) => s.id));
  const selected = picked.filter((id) => undecidedHere.has(id));
  const byNeed = new Map<number, { need: Suggestion["need"]; suggestions: Suggestion[] }>();
  for (const suggestion of results) {
    const group = byNeed.get(suggestion.need.id) ?? { need: suggestion.need, suggestions: [] };
    group.suggestions.push(suggestion);
    byNeed.set(suggestion.need.id, group);
  }
  const toggle = (id: number, on: boolean) =>
    setPicked((current) => (on ? [...current, id] : current.filter((other) => other !== id)));
  const onDecide = (comment: string) => {
    if (!deciding) {
      return;
    }
    decide.mutate(
      { ...deciding, comment },
      {
        onSuccess: () => {
          void message.success(t("review.decided"));
          setPicked((current) => current.filter((id) => !deciding.ids.includes(id)));
          setDeciding(null);
          if (values.status) {
            update({}); // what was decided leaves this filter: back to its first page
          }
        },
        onError: (error) => void message.error(errorText(error)),
      },
    );
  };

  return (
    <Flex vertical gap={16}>
      <Space wrap>
        <Select<SuggestionStatus>
          aria-label={t("review.filters.status")}
          placeholder={t("review.filters.status")}
          allowClear
          value={values.status as SuggestionStatus | undefined}
          onChange={(status) => update({ status })}
          options={STATUSES.map((status) => ({
            value: status,
            label: t(`enums.suggestionStatus.${status}`),
          }))}
          style={{ width: 140 }}
        />
        <DepartmentTreeSelect
          aria-label={t("review.filters.department")}
          placeholder={t("review.filters.department")}
          allowClear
          value={toNumber(values.department)}
          onChange={(department) => update({ department: department as number | undefined })}
        />
        <Input.Search
          aria-label={t("review.filters.skill")}
          placeholder={t("review.filters.skill")}
          allowClear
          defaultValue={values.skill}
          onSearch={(skill) => update({ skill })}
          style={{ width: 180 }}
        />
        <InputNumber<number>
          aria-label={t("review.filters.minFit")}
          placeholder={t("review.filters.minFit")}
          value={toNumber(values.min_fit)}
          onChange={(minFit) => update({ min_fit: minFit ?? undefined })}
          style={{ width: 140 }}
        />
      </Space>
      {selected.length > 0 && (
        <Card size="small" role="region" aria-label={t("review.selected", { count: selected.length })}>
          <Flex align="center" gap={8} wrap>
            <Typography.Text strong>{t("review.selected", { count: selected.length })}</Typography.Text>
            {(["accepted", "rejected", "held"] as const).map((decision) => (
              <Button key={decision} onClick={() => setDeciding({ ids: selected, decision })}>
                {t(`review.${DECISION_VERBS[decision]}`)}
              </Button>
            ))}
          </Flex>
        </Card>
      )}
      {results.length === 0 && !suggestions.isFetching && (
        <Empty description={t("review.emptySuggestions")} />
      )}
      {[...byNeed.values()].map(({ need, suggestions: group }) => {
        return (
          <Card
            key={need.id}
            styles={{ title: { whiteSpace: "normal" } }}
            title={
              <Flex gap={8} wrap align="baseline">
                <Typography.Text strong>{need.title}</Typography.Text>
                <Typography.Text type="secondary">
                  {format.name(need.department)} · {t("review.seatsOf", { count: need.headcount })} ·{" "}
                  {format.date(need.start_date)} – {format.date(need.end_date)}
                </Typography.Text>
              </Flex>
            }
          >
            <Flex vertical gap={16}>
              {group.map((suggestion) => (
                <Flex key={suggestion.id} gap={12} align="flex-start">
                  {UNDECIDED.includes(suggestion.status) ? (
                    <Checkbox
                      aria-label={t("review.select", {
                        name: candidateName(t, revealed[suggestion.id] ?? suggestion.person),
                      })}
                      checked={selected.includes(suggestion.id)}
                      onChange={(event) => toggle(suggestion.id, event.target.checked)}
                    />
                  ) : (
                    <span style={{ width: 16 }} />
                  )}
                  <SuggestionCard
                    suggestion={suggestion}
                    revealed={revealed[suggestion.id]}
                    onDecide={(decision) => setDeciding({ ids: [suggestion.id], decision })}
                    onReveal={() => setRevealing(suggestion)}
                  />
                </Flex>
              ))}
            </Flex>
          </Card>
        );
      })}
      <Pagination
        current={page}
        pageSize={pageSize}
        total={suggestions.data?.count ?? 0}
        showSizeChanger
        showTotal={(count) => t("common.total", { count })}
        onChange={(nextPage, nextSize) => update({ page: nextPage, page_size: nextSize })}
        align="end"
      />
      <DecideModal
        deciding={deciding}
        pending={decide.isPending}
        onOk={onDecide}
        onCancel={() => setDeciding(null)}
      />
      <RevealModal
        suggestion={revealing}
        onRevealed={(candidate) => {
          if (revealing) {
            setRevealed((current) => ({ ...current, [revealing.id]: candidate }));
          }
          setRevealing(null);
        }}
        onCancel={() => setRevealing(null)}
      />
    </Flex>
  );
}
