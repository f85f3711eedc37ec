import { MinusCircleOutlined, PlusOutlined } from "@ant-design/icons";
import { Button, DatePicker, Form, Input, InputNumber, Modal, Select, Space } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useTranslation } from "react-i18next";

import { PersonSelect } from "@/components/PersonSelect";
import { SkillSelect } from "@/components/SkillSelect";
import { useShowFailure, wholeNumber } from "@/lib/forms";

import {
  SESSION_KINDS,
  TIERS,
  useWeek,
  useWeekRooms,
  type Session,
  type SessionInput,
  type SessionKind,
  type Tier,
} from "../api/weeks";
import { outsideOf, periodsOf, periodValues, type PeriodValue } from "../periods";
import { PeriodsField } from "./PeriodsField";

interface SpeakerValues {
  user?: number;
  name?: string;
  outside: boolean;
}

interface SessionValues {
  kind: SessionKind;
  title: string;
  description?: string;
  room?: number;
  time?: [Dayjs, Dayjs] | null;
  capacity?: number | null;
  target_tiers?: Tier[];
  mandatory_for?: Tier[];
  skills?: number[];
  speakers?: SpeakerValues[];
  speakers_unavailable?: PeriodValue[];
}

function valuesOf(session: Session): SessionValues {
  return {
    kind: session.kind,
    title: session.title,
    description: session.description,
    room: session.room?.id,
    time: session.starts_at && session.ends_at ? [dayjs(session.starts_at), dayjs(session.ends_at)] : null,
    capacity: session.capacity,
    target_tiers: session.target_tiers,
    mandatory_for: session.mandatory_for,
    skills: session.skills.map((skill) => skill.id),
    speakers: session.speakers.map((speaker) =>
      speaker.user ? { user: speaker.user.id, outside: false } : { name: speaker.name, outside: true },
    ),
    speakers_unavailable: periodValues(session.speakers_unavailable),
  };
}

/** Add a session to a week, or (given ``session``) change one: what it is, who speaks, and (if
known yet) where and when. */
export function SessionForm({
  open,
  weekId,
  session,
  saving,
  onCancel,
  onSave,
}: {
  open: boolean;
  weekId: number;
  session?: Session;
  saving: boolean;
  onCancel: () => void;
  onSave: (input: SessionInput) => Promise<unknown>;
}) {
  const { t } = useTranslation();
  const showFailure = useShowFailure();
  const [form] = Form.useForm<SessionValues>();
  const rooms = useWeekRooms(weekId);
  const week = useWeek(weekId).data;
  const submit = async (values: SessionValues) => {
    try {
      await onSave({
        kind: values.kind,
        title: values.title,
        description: values.description ?? "",
        room: values.room ?? null,
        starts_at: values.time ? values.time[0].toISOString() : null,
        ends_at: values.time ? values.time[1].toISOString() : null,
        capacity: values.capacity ?? null,
        target_tiers: values.target_tiers ?? [],
        mandatory_for: values.mandatory_for ?? [],
        skills: values.skills ?? [],
        speakers: (values.speakers ?? []).map((speaker) =>
          speaker.outside ? { name: speaker.name ?? "" } : { user: speaker.user ?? null, name: "" },
        ),
        speakers_unavailable: periodsOf(values.speakers_unavailable),
      });
      form.resetFields();
    } catch (error) {
      showFailure(form, error, { starts_at: "time", ends_at: "time" });
    }
  };
  const outsideTheWeek = outsideOf(week);
  return (
    <Modal
      open={open}
      title={session ? t("weeks.editSession", { title: session.title }) : t("weeks.addSession")}
      okText={session ? t("common.save") : t("common.add")}
      cancelText={t("common.cancel")}
      confirmLoading={saving}
      onCancel={onCancel}
      onOk={() => form.submit()}
      destroyOnHidden
      width={640}
    >
      <Form<SessionValues>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={
          session
            ? valuesOf(session)
            : {
                kind: "lecture",
                speakers: [],
                speakers_unavailable: [],
                target_tiers: [],
                mandatory_for: [],
                skills: [],
              }
        }
        onFinish={(values) => void submit(values)}
      >
        <Form.Item name="kind" label={t("weeks.fields.kind")}>
          <Select
            options={SESSION_KINDS.map((kind) => ({ value: kind, label: t(`enums.sessionKind.${kind}`) }))}
          />
        </Form.Item>
        <Form.Item
          name="title"
          label={t("weeks.fields.sessionTitle")}
          rules={[{ required: true, whitespace: true, message: t("weeks.titleRequired") }]}
        >
          <Input maxLength={120} />
        </Form.Item>
        <Form.Item name="description" label={t("weeks.fields.description")}>
          <Input.TextArea rows={3} maxLength={4000} />
        </Form.Item>
        <Form.List name="speakers">
          {(fields, { add, remove }, { errors }) => (
            <Form.Item label={t("weeks.fields.speakers")}>
              <Space orientation="vertical" style={{ width: "100%" }}>
                {fields.map((field) => {
                  const outside = form.getFieldValue(["speakers", field.name, "outside"]) as boolean;
                  return (
                    <Space key={field.key} align="start">
                      <Form.Item name={[field.name, "outside"]} hidden>
                        <Input />
                      </Form.Item>
                      {outside ? (
                        <Form.Item
                          name={[field.name, "name"]}
                          rules={[
                            { required: true, whitespace: true, message: t("weeks.speakerNameRequired") },
                          ]}
                          style={{ margin: 0 }}
                        >
                          <Input
                            maxLength={120}
                            placeholder={t("weeks.outsideSpeakerName")}
                            aria-label={t("weeks.outsideSpeakerName")}
                          />
                        </Form.Item>
                      ) : (
                        <Form.Item
                          name={[field.name, "user"]}
                          rules={[{ required: true, message: t("weeks.speakerRequired") }]}
                          style={{ margin: 0 }}
                        >
                          <PersonSelect aria-label={t("weeks.staffSpeaker")} />
                        </Form.Item>
                      )}
                      <Button
                        type="text"
                        icon={<MinusCircleOutlined aria-hidden />}
                        aria-label={t("weeks.removeSpeaker")}
                        onClick={() => remove(field.name)}
                      />
                    </Space>
                  );
                })}
                <Form.ErrorList errors={errors} />
                <Space wrap>
                  <Button icon={<PlusOutlined aria-hidden />} onClick={() => add({ outside: false })}>
                    {t("weeks.addStaffSpeaker")}
                  </Button>
                  <Button icon={<PlusOutlined aria-hidden />} onClick={() => add({ outside: true })}>
                    {t("weeks.addOutsideSpeaker")}
                  </Button>
                </Space>
              </Space>
            </Form.Item>
          )}
        </Form.List>
        <PeriodsField
          name="speakers_unavailable"
          label={t("weeks.speakersUnavailable")}
          help={t("weeks.speakersUnavailableHelp")}
          addText={t("weeks.addSpeakersAway")}
          week={week}
        />
        <Form.Item name="room" label={t("weeks.fields.room")} extra={t("weeks.roomHelp")}>
          <Select
            allowClear
            loading={rooms.isPending}
            options={(rooms.data ?? []).map((room) => ({
              value: room.id,
              label: t("weeks.roomOption", { name: room.name, count: room.capacity }),
            }))}
          />
        </Form.Item>
        <Form.Item name="time" label={t("weeks.fields.time")} extra={t("weeks.timeHelp")}>
          <DatePicker.RangePicker
            showTime={{ format: "HH:mm", minuteStep: 5 }}
            format="YYYY-MM-DD HH:mm"
            disabledDate={outsideTheWeek}
            placeholder={[t("weeks.fields.startsAt"), t("weeks.fields.endsAt")]}
          />
        </Form.Item>
        <Form.Item
          name="capacity"
          label={t("weeks.fields.capacity")}
          extra={t("weeks.capacityHelp")}
          rules={[wholeNumber(1, 10000, t("weeks.seatsRange"), true)]}
        >
          <InputNumber<number> style={{ width: 120 }} />
        </Form.Item>
        <Form.Item
          name="target_tiers"
          label={t("weeks.fields.sessionTiers")}
          extra={t("weeks.sessionTiersHelp")}
        >
          <Select
            mode="multiple"
            allowClear
            options={TIERS.map((tier) => ({ value: tier, label: t(`enums.tier.${tier}`) }))}
          />
        </Form.Item>
        <Form.Item name="mandatory_for" label={t("weeks.fields.mandatoryFor")}>
          <Select
            mode="multiple"
            allowClear
            options={TIERS.map((tier) => ({ value: tier, label: t(`enums.tier.${tier}`) }))}
          />
        </Form.Item>
        <Form.Item name="skills" label={t("weeks.fields.skills")}>
          <SkillSelect<number[]> multiple />
        </Form.Item>
      </Form>
    </Modal>
  );
}
