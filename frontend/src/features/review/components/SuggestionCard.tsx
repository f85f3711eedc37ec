import { EyeOutlined } from "@ant-design/icons";
import { Button, Collapse, Flex, Space, Typography } from "antd";
import { useTranslation } from "react-i18next";

import { FitBar, RequirementTags } from "@/components/fit";
import { ToneTag } from "@/components/tags";
import { useFormat } from "@/lib/format";

import type { Candidate, Decision, RunnerUp, Suggestion } from "../api/review";
import { DECISION_VERBS, candidateName, personKey } from "./shared";
import { SuggestionStatusTag } from "./StatusTags";

/** One suggestion: who, how well they fit and why, the runner-ups, and the decision. */
export function SuggestionCard({
  suggestion,
  revealed,
  onDecide,
  onReveal,
}: {
  suggestion: Suggestion;
  revealed: Candidate | undefined;
  onDecide: (decision: Decision) => void;
  onReveal: () => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const person = revealed ?? suggestion.person;
  const undecided = suggestion.status === "proposed" || suggestion.status === "held";
  const decisions: Decision[] =
    suggestion.status === "held" ? ["accepted", "rejected"] : ["accepted", "rejected", "held"];

  return (
    <Flex vertical gap={8} style={{ flex: 1, minWidth: 0 }}>
      <Flex justify="space-between" align="flex-start" gap={8} wrap>
        <Space size={8} wrap>
          <Typography.Text strong>{candidateName(t, person)}</Typography.Text>
          {person.employee_number && (
            <Typography.Text type="secondary">{person.employee_number}</Typography.Text>
          )}
          {person.department && (
            <Typography.Text type="secondary">{format.name(person.department)}</Typography.Text>
          )}
          {person.tier && <ToneTag>{t(`enums.tier.${person.tier}`)}</ToneTag>}
          <SuggestionStatusTag status={suggestion.status} />
        </Space>
        {undecided && (
          <Space wrap>
            {person.id === null && (
              <Button icon={<EyeOutlined aria-hidden />} onClick={onReveal}>
                {t("review.reveal")}
                <span className="visually-hidden">: {candidateName(t, person)}</span>
              </Button>
            )}
            {decisions.map((decision) => (
              <Button
                key={decision}
                type={decision === "accepted" ? "primary" : "default"}
                danger={decision === "rejected"}
                onClick={() => onDecide(decision)}
              >
                {t(`review.${DECISION_VERBS[decision]}`)}
                <span className="visually-hidden">: {candidateName(t, person)}</span>
              </Button>
            ))}
          </Space>
        )}
      </Flex>
      <FitBar fit={suggestion.fit} />
      <RequirementTags requirements={suggestion.requirements} />
      {!undecided && suggestion.reviewer && (
        <Typography.Text type="secondary">
          {t("review.decidedBy", {
            decision: t(`enums.suggestionStatus.${suggestion.status}`),
            name: suggestion.reviewer,
          })}
          {suggestion.comment && ` · ${suggestion.comment}`}
        </Typography.Text>
      )}
      <Collapse
        size="small"
        items={[
          {
            key: "runner-ups",
            label: `${t("review.runnerUps")} (${suggestion.runner_ups.length})`,
            children:
              suggestion.runner_ups.length === 0 ? (
                <Typography.Text type="secondary">{t("review.noRunnerUps")}</Typography.Text>
              ) : (
                <Flex vertical gap={8}>
                  {suggestion.runner_ups.map((runnerUp) => (
                    <RunnerUpLine key={personKey(runnerUp.person)} runnerUp={runnerUp} />
                  ))}
                </Flex>
              ),
          },
        ]}
      />
    </Flex>
  );
}

function RunnerUpLine({ runnerUp }: { runnerUp: RunnerUp }) {
  const { t } = useTranslation();
  const format = useFormat();
  const name = (candidate: Candidate) => candidateName(t, candidate);
  const moves = runnerUp.moves
    .filter((move) => personKey(move.person) !== personKey(runnerUp.person))
    .map((move) => {
      if (move.from_need && move.to_need) {
        return t("review.moveFrom", {
          person: name(move.person),
          from: move.from_need.title,
          to: move.to_need.title,
        });
      }
      if (move.to_need) {
        return t("review.moveIn", { person: name(move.person), need: move.to_need.title });
      }
      return t("review.moveOut", { person: name(move.person), need: move.from_need?.title ?? "" });
    });
  return (
    <Flex vertical>
      <Space size={8} wrap>
        <Typography.Text>{name(runnerUp.person)}</Typography.Text>
        <Typography.Text type="secondary">
          {t("review.fit", { total: format.fit(runnerUp.fit) })}
        </Typography.Text>
        <ToneTag>{t(`enums.runnerUpReason.${runnerUp.reason}`)}</ToneTag>
        <Typography.Text>{t("review.loss", { loss: format.fit(runnerUp.loss) })}</Typography.Text>
      </Space>
      {runnerUp.floor && (
        <Typography.Text type="secondary">
          {format.name(runnerUp.floor.skill)} ≥ {runnerUp.floor.min_level}
        </Typography.Text>
      )}
      {moves.length > 0 && (
        <Typography.Text type="secondary">{t("review.moves", { moves: format.list(moves) })}</Typography.Text>
      )}
    </Flex>
  );
}
