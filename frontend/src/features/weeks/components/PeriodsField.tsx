import { MinusCircleOutlined, PlusOutlined } from "@ant-design/icons";
import { Button, DatePicker, Form, Space } from "antd";
import { useTranslation } from "react-i18next";

import type { Week } from "../api/weeks";
import { outsideOf } from "../periods";

/** A list of periods within the week's days (when a room cannot be used, when a session's
 * speakers cannot come), added and removed one by one. */
export function PeriodsField({
  name,
  label,
  help,
  addText,
  week,
}: {
  name: string;
  label: string;
  help: string;
  addText: string;
  week: Week | undefined;
}) {
  const { t } = useTranslation();
  const outsideTheWeek = outsideOf(week);
  return (
    <Form.List name={name}>
      {(fields, { add, remove }) => (
        <Form.Item label={label} extra={help}>
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
                    aria-label={label}
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
              {addText}
            </Button>
          </Space>
        </Form.Item>
      )}
    </Form.List>
  );
}
