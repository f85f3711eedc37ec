import { MinusCircleOutlined, PlusOutlined } from "@ant-design/icons";
import { Button, DatePicker, Form, Input, InputNumber, Modal, Space } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useTranslation } from "react-i18next";

import { useShowFailure, wholeNumber } from "@/lib/forms";

import type { MeetingRoom, MeetingRoomInput, Week } from "../api/weeks";

interface RoomChangeValues {
  name: string;
  capacity: number;
  location?: string;
  unavailable?: { period?: [Dayjs, Dayjs] }[];
}

/** Change a room: its name, seats, where it is, and the times it cannot be used. */
export function RoomForm({
  room,
  week,
  saving,
  onCancel,
  onSave,
}: {
  room: MeetingRoom;
  week: Week;
  saving: boolean;
  onCancel: () => void;
  onSave: (input: MeetingRoomInput) => Promise<unknown>;
}) {
  const { t } = useTranslation();
  const showFailure = useShowFailure();
  const [form] = Form.useForm<RoomChangeValues>();
  const submit = async (values: RoomChangeValues) => {
    try {
      await onSave({
        name: values.name,
        capacity: values.capacity,
        location: values.location ?? "",
        unavailable: (values.unavailable ?? []).flatMap(({ period }) =>
          period ? [{ starts_at: period[0].toISOString(), ends_at: period[1].toISOString() }] : [],
        ),
      });
    } catch (error) {
      showFailure(form, error);
    }
  };
  const outsideTheWeek = (day: Dayjs) =>
    day.isBefore(dayjs(week.start_date), "day") || day.isAfter(dayjs(week.end_date), "day");
  return (
    <Modal
      open
      title={t("weeks.editRoom", { name: room.name })}
      okText={t("common.save")}
      cancelText={t("common.cancel")}
      confirmLoading={saving}
      onCancel={onCancel}
      onOk={() => form.submit()}
      destroyOnHidden
      width={600}
    >
      <Form<RoomChangeValues>
        form={form}
        layout="vertical"
        initialValues={{
          name: room.name,
          capacity: room.capacity,
          location: room.location,
          unavailable: room.unavailable.map((period) => ({
            period: [dayjs(period.starts_at), dayjs(period.ends_at)],
          })),
        }}
        onFinish={(values) => void submit(values)}
      >
        <Form.Item
          name="name"
          label={t("weeks.fields.roomName")}
          rules={[{ required: true, whitespace: true, message: t("weeks.roomNameRequired") }]}
        >
          <Input maxLength={120} />
        </Form.Item>
        <Form.Item
          name="capacity"
          label={t("weeks.fields.roomCapacity")}
          rules={[wholeNumber(1, 10000, t("weeks.seatsRange"))]}
        >
          <InputNumber<number> style={{ width: 120 }} />
        </Form.Item>
        <Form.Item name="location" label={t("weeks.fields.location")}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.List name="unavailable">
          {(fields, { add, remove }) => (
            <Form.Item label={t("weeks.unavailable")} extra={t("weeks.unavailableHelp")}>
              <Space orientation="vertical" style={{ width: "100%" }}>
                {fields.map((field) => (
                  <Space key={field.key} align="start">
                    <Form.Item
                      name={[field.name, "period"]}
                      rules={[{ required: true, message: t("weeks.periodRequired") }]}
                      style={{ margin: 0 }}
                    >
                      <DatePicker.RangePicker
                        showTime={{ format: "HH:mm", minuteStep: 5 }}
                        format="YYYY-MM-DD HH:mm"
                        disabledDate={outsideTheWeek}
                        aria-label={t("weeks.unavailable")}
                      />
                    </Form.Item>
                    <Button
                      type="text"
                      icon={<MinusCircleOutlined aria-hidden />}
                      aria-label={t("weeks.removePeriod")}
                      onClick={() => remove(field.name)}
                    />
                  </Space>
                ))}
                <Button icon={<PlusOutlined aria-hidden />} onClick={() => add({})}>
                  {t("weeks.addPeriod")}
                </Button>
              </Space>
            </Form.Item>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
