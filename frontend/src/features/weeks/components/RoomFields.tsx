import { Form, Input, InputNumber } from "antd";
import { useTranslation } from "react-i18next";

import { wholeNumber } from "@/lib/forms";

/** What a room is: its name, seats and place — the fields of adding a room and of changing one. */
export function RoomFields() {
  const { t } = useTranslation();
  return (
    <>
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
    </>
  );
}
