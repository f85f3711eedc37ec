import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { useQuery } from "@tanstack/react-query";
import {
  Alert,
  App,
  Button,
  Card,
  Flex,
  Form,
  InputNumber,
  Select,
  Space,
  Statistic,
  Table,
  Typography,
} from "antd";
import { useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";

import { DepartmentTreeSelect } from "@/components/DepartmentTreeSelect";
import { api, ApiError, unwrap } from "@/lib/api";
import { useErrorText } from "@/lib/errors";
import { useFormat } from "@/lib/format";
import { numberBetween, showFieldErrors, wholeNumber } from "@/lib/forms";

import {
  useSuggestions,
  useWhatIf,
  type MatchRun,
  type Suggestion,
  type WhatIfAnswer,
  type WhatIfSeat,
  type WhatIfMove,
} from "../api/review";
import { candidateName } from "./shared";

/** The weights HR most often try; the run's own values, or the matcher's defaults. */
const WEIGHTS = [
  ["requirement_weight", 60],
  ["nice_to_have_weight", 20],
  ["preference_weight", 10],
  ["tier_weight", 10],
] as const;

type Weight = (typeof WEIGHTS)[number][0];

interface WhatIfValues {
  release_caps: { department?: number; release_cap?: number }[];
  headcounts: { need?: number; headcount?: number }[];
  weights: Record<Weight, number>;
  forbidden: string[];
  pins: string[];
}

/** A (person, need) pair as a select's value. */
function pairKey(person: number, need: number): string {
  return `${person}:${need}`;
}

function pair(key: string): { person: number; need: number } {
  const [person = 0, need = 0] = key.split(":").map(Number);
  return { person, need };
}

/** What if a department lent fewer, a need asked more, the weights changed, a proposal were
 * ruled out or a runner-up seated: the matcher again on today's data, beside it unchanged. */
export function WhatIfPanel({ run }: { run: MatchRun }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [form] = Form.useForm<WhatIfValues>();
  const whatIf = useWhatIf(run.id);
  const [answer, setAnswer] = useState<WhatIfAnswer>();
  // The first hundred proposals and their runner-ups are what a pair is picked from; a blind
  // run hides who they are, so it offers no pairs.
  const proposals = useSuggestions(run.id, { page_size: 100 });
  const openNeeds = useQuery({
    queryKey: ["needs", "open", "all"],
    queryFn: () =>
      unwrap(api.GET("/api/v1/needs/", { params: { query: { status: "open", page_size: 100 } } })),
  });
  const policy = run.policy as Partial<Record<Weight, number>>;

  const submit = (values: WhatIfValues) => {
    whatIf.mutate(
      {
        release_caps: values.release_caps.flatMap(({ department, release_cap }) =>
          department === undefined || release_cap === undefined ? [] : [{ department, release_cap }],
        ),
        headcounts: values.headcounts.flatMap(({ need, headcount }) =>
          need === undefined || headcount === undefined ? [] : [{ need, headcount }],
        ),
        policy: values.weights,
        forbidden: values.forbidden.map(pair),
        pins: values.pins.map(pair),
      },
      {
        onSuccess: setAnswer,
        onError: (error) => {
          setAnswer(undefined);
          // The rows' own fields show no message of their own: the whole reason shows too.
          if (error instanceof ApiError) {
            showFieldErrors(form, error, { policy: "weights" });
          }
          void message.error(errorText(error));
        },
      },
    );
  };

  const option = (person: Suggestion["person"], need: Suggestion["need"]) =>
    person.id === null
      ? []
      : [
          {
            value: pairKey(person.id, need.id),
            label: `${candidateName(t, person)} → ${need.title} · ${format.name(need.department)}`,
          },
        ];
  const listed = proposals.data?.results ?? [];
  const proposalOptions = listed
    .filter((suggestion) => suggestion.status === "proposed" || suggestion.status === "held")
    .flatMap((suggestion) => option(suggestion.person, suggestion.need));
  const runnerUpOptions = listed.flatMap((suggestion) =>
    suggestion.runner_ups.flatMap((runnerUp) => option(runnerUp.person, suggestion.need)),
  );

  return (
    <Flex vertical gap={16}>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t("review.whatIf.hint")}
      </Typography.Paragraph>
      <Form<WhatIfValues>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{
          release_caps: [],
          headcounts: [],
          forbidden: [],
          pins: [],
          weights: Object.fromEntries(WEIGHTS.map(([name, value]) => [name, policy[name] ?? value])),
        }}
      >
        <Flex vertical gap={16}>
          <Card size="small" title={t("review.whatIf.releaseCaps")}>
            <ChangeRows
              list="release_caps"
              target="department"
              amount="release_cap"
              amountLabel={t("review.whatIf.mayLend")}
              most={100_000}
              addLabel={t("review.whatIf.addReleaseCap")}
              picker={(index) => (
                <DepartmentTreeSelect
                  aria-label={`${t("review.whatIf.department")} ${index + 1}`}
                  placeholder={t("review.whatIf.department")}
                />
              )}
            />
          </Card>
          <Card size="small" title={t("review.whatIf.seats")}>
            <ChangeRows
              list="headcounts"
              target="need"
              amount="headcount"
              amountLabel={t("review.whatIf.seatsLeft")}
              most={1000}
              addLabel={t("review.whatIf.addSeats")}
              picker={(index) => (
                <Select
                  aria-label={`${t("review.whatIf.need")} ${index + 1}`}
                  placeholder={t("review.whatIf.need")}
                  showSearch={{ optionFilterProp: "label" }}
                  loading={openNeeds.isLoading}
                  options={(openNeeds.data?.results ?? []).map((need) => ({
                    value: need.id,
                    label: `${need.title} · ${format.name(need.department)}`,
                  }))}
                  style={{ width: 280 }}
                />
              )}
            />
          </Card>
          <Card size="small" title={t("review.whatIf.weights")}>
            <Space wrap>
              {WEIGHTS.map(([name]) => (
                <Form.Item
                  key={name}
                  name={["weights", name]}
                  label={t(`review.whatIf.weight.${name}`)}
                  rules={[numberBetween(0, 1000, t("review.whatIf.weightRange"))]}
                >
                  <InputNumber<number> style={{ width: 140 }} />
                </Form.Item>
              ))}
            </Space>
          </Card>
          <Card size="small" title={t("review.whatIf.pairs")}>
            {run.blind ? (
              <Typography.Text type="secondary">{t("review.whatIf.blindPairs")}</Typography.Text>
            ) : (
              <Flex vertical>
                <Form.Item name="forbidden" label={t("review.whatIf.forbidden")}>
                  <Select
                    mode="multiple"
                    showSearch={{ optionFilterProp: "label" }}
                    loading={proposals.isLoading}
                    options={proposalOptions}
                  />
                </Form.Item>
                <Form.Item name="pins" label={t("review.whatIf.pins")}>
                  <Select
                    mode="multiple"
                    showSearch={{ optionFilterProp: "label" }}
                    loading={proposals.isLoading}
                    options={runnerUpOptions}
                  />
                </Form.Item>
              </Flex>
            )}
          </Card>
          <Button type="primary" htmlType="submit" loading={whatIf.isPending} style={{ alignSelf: "start" }}>
            {t("review.whatIf.submit")}
          </Button>
        </Flex>
      </Form>
      {answer && <WhatIfResult answer={answer} />}
    </Flex>
  );
}

function WhatIfResult({ answer }: { answer: WhatIfAnswer }) {
  const { t } = useTranslation();
  const format = useFormat();
  const change = answer.total_fit_after - answer.total_fit_before;
  const seatColumns = [
    {
      title: t("review.whatIf.person"),
      render: (_: unknown, seat: WhatIfSeat) => candidateName(t, seat.person),
    },
    {
      title: t("review.whatIf.need"),
      render: (_: unknown, seat: WhatIfSeat) => <NeedCell need={seat.need} />,
    },
    {
      title: t("review.whatIf.fit"),
      align: "right" as const,
      render: (_: unknown, seat: WhatIfSeat) => format.fit(seat.fit),
    },
  ];
  const seatTable = (title: string, seats: WhatIfSeat[]) =>
    seats.length > 0 && (
      <Card size="small" title={`${title} (${seats.length})`}>
        <Table<WhatIfSeat>
          rowKey={(seat) => `${seat.person.id ?? seat.person.alias}:${seat.need.id}`}
          size="small"
          pagination={false}
          scroll={{ x: 480 }}
          dataSource={seats}
          columns={seatColumns}
        />
      </Card>
    );
  return (
    <Flex vertical gap={16} role="region" aria-label={t("review.whatIf.result")}>
      {answer.changed_since_run && (
        <Alert type="warning" showIcon title={t("review.whatIf.changedSinceRun")} />
      )}
      <Card size="small">
        <Space size="large" wrap>
          <Statistic
            title={t("review.whatIf.totalFit")}
            value={`${format.fit(answer.total_fit_before)} → ${format.fit(answer.total_fit_after)}`}
          />
          <Statistic
            title={t("review.whatIf.change")}
            value={`${change > 0 ? "+" : ""}${format.fit(change)}`}
          />
          <Statistic
            title={t("review.whatIf.seatsFilled")}
            value={`${answer.seats_filled_before} → ${answer.seats_filled_after}`}
          />
          <Statistic title={t("review.whatIf.unchanged")} value={answer.unchanged} />
        </Space>
        <Typography.Paragraph type="secondary" style={{ margin: "8px 0 0" }}>
          {t("review.whatIf.answeredIn", { seconds: format.number(Math.round(answer.seconds * 100) / 100) })}
        </Typography.Paragraph>
      </Card>
      {answer.added.length + answer.removed.length + answer.moved.length + answer.pinned.length === 0 && (
        <Alert type="info" showIcon title={t("review.whatIf.noDifference")} />
      )}
      {seatTable(t("review.whatIf.pinned"), answer.pinned)}
      {seatTable(t("review.whatIf.added"), answer.added)}
      {seatTable(t("review.whatIf.removed"), answer.removed)}
      {answer.moved.length > 0 && (
        <Card size="small" title={`${t("review.whatIf.moved")} (${answer.moved.length})`}>
          <Table<WhatIfMove>
            rowKey={(move) => `${move.person.id ?? move.person.alias}`}
            size="small"
            pagination={false}
            scroll={{ x: 640 }}
            dataSource={answer.moved}
            columns={[
              { title: t("review.whatIf.person"), render: (_, move) => candidateName(t, move.person) },
              { title: t("review.whatIf.from"), render: (_, move) => <NeedCell need={move.from_need} /> },
              { title: t("review.whatIf.to"), render: (_, move) => <NeedCell need={move.to_need} /> },
              {
                title: t("review.whatIf.fit"),
                align: "right",
                render: (_, move) => `${format.fit(move.fit_before)} → ${format.fit(move.fit_after)}`,
              },
            ]}
          />
        </Card>
      )}
    </Flex>
  );
}

/** A need's title with its department: several needs may share a title. */
function NeedCell({ need }: { need: WhatIfSeat["need"] }) {
  const format = useFormat();
  return (
    <>
      {need.title}
      <br />
      <Typography.Text type="secondary">{format.name(need.department)}</Typography.Text>
    </>
  );
}

/** Rows of one kind of change: what it applies to (``picker``) and a whole number from 0 to
 * ``most``, each removable. */
function ChangeRows({
  list,
  target,
  amount,
  amountLabel,
  most,
  addLabel,
  picker,
}: {
  list: "release_caps" | "headcounts";
  target: string;
  amount: string;
  amountLabel: string;
  most: number;
  addLabel: string;
  picker: (index: number) => ReactNode;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Form.List name={list}>
      {(fields, { add, remove }) => (
        <Flex vertical gap={8}>
          {fields.map((field, index) => (
            <Space key={field.key} wrap align="start">
              <Form.Item name={[field.name, target]} noStyle>
                {picker(index)}
              </Form.Item>
              <Form.Item
                name={[field.name, amount]}
                rules={[wholeNumber(0, most, t("review.whatIf.amountRange", { most: format.number(most) }))]}
                style={{ marginBottom: 0 }}
              >
                <InputNumber<number>
                  aria-label={`${amountLabel} ${index + 1}`}
                  placeholder={amountLabel}
                  style={{ width: 200 }}
                />
              </Form.Item>
              <Button
                icon={<DeleteOutlined />}
                aria-label={t("review.whatIf.remove")}
                onClick={() => remove(field.name)}
              />
            </Space>
          ))}
          <Button icon={<PlusOutlined />} onClick={() => add({})} style={{ alignSelf: "start" }}>
            {addLabel}
          </Button>
        </Flex>
      )}
    </Form.List>
  );
}
