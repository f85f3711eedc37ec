import { ThunderboltOutlined } from "@ant-design/icons";
import { Alert, App, Button, Checkbox, Drawer, Empty, Flex, Statistic, Table, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";

import { ToneTag } from "@/components/tags";
import { useErrorText } from "@/lib/errors";
import { useFormat } from "@/lib/format";

import {
  useApplySchedule,
  useProposeTimetable,
  useWeekSessions,
  type Proposal,
  type ScheduleMove,
  type Week,
} from "../api/weeks";

type Placement = Proposal["placements"][number];

/** The automatic timetable: a proposal with the fewest clashes among those registered, to
apply whole or session by session. Nothing changes until it is applied. */
export function TimetableButton({ week }: { week: Week }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button icon={<ThunderboltOutlined aria-hidden />} onClick={() => setOpen(true)}>
        {t("weeks.proposeTimetable")}
      </Button>
      <Drawer
        open={open}
        size="large"
        title={t("weeks.proposeTimetable")}
        onClose={() => setOpen(false)}
        destroyOnHidden
      >
        {open && <TimetableProposal week={week} onApplied={() => setOpen(false)} />}
      </Drawer>
    </>
  );
}

function TimetableProposal({ week, onApplied }: { week: Week; onApplied: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const format = useFormat();
  const errorText = useErrorText();
  const propose = useProposeTimetable(week.id);
  const apply = useApplySchedule(week.id);
  const [keepScheduled, setKeepScheduled] = useState(false);
  const [chosen, setChosen] = useState<number[]>([]);
  const proposal = propose.data;

  const run = (keep: boolean, scheduled: number[]) =>
    propose.mutate(keep ? scheduled : [], {
      onSuccess: (made) => setChosen(made.placements.filter((row) => row.moved).map((row) => row.session.id)),
      onError: (error) => void message.error(errorText(error)),
    });
  /** Move ``rows``; with ``whole``, the sessions that found no place leave theirs too, since
  the timetable may have given it to another. */
  const applyRows = (rows: Placement[], whole = false) => {
    const moves: ScheduleMove[] = rows.map((row) => ({
      session: row.session.id,
      room: row.room.id,
      starts_at: row.starts_at,
      ends_at: row.ends_at,
    }));
    if (whole && proposal) {
      for (const row of proposal.unplaced) {
        if (row.session.starts_at) {
          moves.push({ session: row.session.id, room: null, starts_at: null, ends_at: null });
        }
      }
    }
    apply.mutate(
      { placements: moves },
      {
        onSuccess: () => {
          void message.success(t("weeks.timetableApplied", { count: moves.length }));
          onApplied();
        },
        onError: (error) => void message.error(errorText(error)),
      },
    );
  };
  return (
    <Flex vertical gap={16}>
      <Typography.Paragraph style={{ margin: 0 }}>{t("weeks.timetableHelp")}</Typography.Paragraph>
      <KeepOption
        week={week}
        keep={keepScheduled}
        onChange={setKeepScheduled}
        onRun={run}
        running={propose.isPending}
      />
      {proposal && (
        <>
          <Flex gap={32} wrap>
            <Statistic title={t("weeks.clashesNow")} value={proposal.current_clashes} />
            <Statistic title={t("weeks.clashesProposed")} value={proposal.clashes} />
            <Statistic title={t("weeks.clashesBound")} value={proposal.bound} />
          </Flex>
          <Typography.Text type="secondary">
            {proposal.optimal
              ? t("weeks.timetableOptimal", { seconds: format.fit(proposal.seconds) })
              : t("weeks.timetableNotProven", { seconds: format.fit(proposal.seconds) })}
          </Typography.Text>
          {proposal.unplaced.length > 0 && (
            <Alert
              type="warning"
              showIcon
              title={t("weeks.unplacedTitle")}
              description={
                <>
                  <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                    {proposal.unplaced.map((row) => (
                      <li key={row.session.id}>
                        {row.session.title}: {t(`weeks.unplaced.${row.reason}`)}
                      </li>
                    ))}
                  </ul>
                  {t("weeks.unplacedGoBack")}
                </>
              }
            />
          )}
          {proposal.clashing_pairs.length > 0 && (
            <Alert
              type="info"
              showIcon
              title={t("weeks.clashesLeft")}
              description={
                <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                  {proposal.clashing_pairs.map((pair) => (
                    <li key={`${pair.first.id}-${pair.second.id}`}>
                      {t("weeks.clashingPair", {
                        first: pair.first.title,
                        second: pair.second.title,
                        count: pair.people,
                      })}
                    </li>
                  ))}
                </ul>
              }
            />
          )}
          <Table<Placement>
            rowKey={(row) => row.session.id}
            dataSource={proposal.placements}
            pagination={false}
            scroll={{ x: "max-content" }}
            locale={{ emptyText: <Empty description={t("weeks.nothingToPlace")} /> }}
            rowSelection={{
              selectedRowKeys: chosen,
              onChange: (keys) => setChosen(keys.map(Number)),
              getCheckboxProps: (row) => ({ disabled: !row.moved, "aria-label": row.session.title }),
            }}
            columns={[
              { key: "session", title: t("weeks.session"), render: (_, row) => row.session.title },
              {
                key: "place",
                title: t("weeks.proposedPlace"),
                render: (_, row) => (
                  <Flex vertical>
                    <span>
                      {format.day(row.starts_at)} {format.time(row.starts_at)}–{format.time(row.ends_at)} ·{" "}
                      {row.room.name}
                    </span>
                    {row.moved ? (
                      <Typography.Text type="secondary">
                        {t("weeks.placeNow", {
                          place:
                            row.session.starts_at && row.session.ends_at
                              ? `${format.day(row.session.starts_at)} ${format.time(row.session.starts_at)}–${format.time(row.session.ends_at)}${row.session.room ? ` · ${row.session.room}` : ""}`
                              : t("weeks.timeToCome"),
                        })}
                      </Typography.Text>
                    ) : (
                      <ToneTag>{t("weeks.staysPut")}</ToneTag>
                    )}
                  </Flex>
                ),
              },
            ]}
          />
          <Flex gap={8} wrap justify="flex-end">
            <Button
              disabled={chosen.length === 0}
              loading={apply.isPending}
              onClick={() => applyRows(proposal.placements.filter((row) => chosen.includes(row.session.id)))}
            >
              {t("weeks.applyChosen", { count: chosen.length })}
            </Button>
            <Button
              type="primary"
              disabled={
                !proposal.placements.some((row) => row.moved) &&
                !proposal.unplaced.some((row) => row.session.starts_at)
              }
              loading={apply.isPending}
              onClick={() =>
                applyRows(
                  proposal.placements.filter((row) => row.moved),
                  true,
                )
              }
            >
              {t("weeks.applyAll")}
            </Button>
          </Flex>
        </>
      )}
    </Flex>
  );
}

function KeepOption({
  week,
  keep,
  onChange,
  onRun,
  running,
}: {
  week: Week;
  keep: boolean;
  onChange: (keep: boolean) => void;
  onRun: (keep: boolean, scheduled: number[]) => void;
  running: boolean;
}) {
  const { t } = useTranslation();
  const sessions = useWeekSessions(week.id);
  const scheduled = (sessions.data ?? []).filter(
    (session) => session.room && session.starts_at && !session.cancelled,
  );
  return (
    <Flex gap={16} align="center" wrap>
      <Checkbox checked={keep} onChange={(event) => onChange(event.target.checked)}>
        {t("weeks.keepScheduled", { count: scheduled.length })}
      </Checkbox>
      <Button
        type="primary"
        loading={running}
        onClick={() =>
          onRun(
            keep,
            scheduled.map((session) => session.id),
          )
        }
      >
        {t("weeks.propose")}
      </Button>
    </Flex>
  );
}
