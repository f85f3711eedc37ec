import { DatePicker, Form, Input, Modal, Select } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useTranslation } from "react-i18next";

import { useShowFailure } from "@/lib/forms";

import { TIERS, type Tier, type Week, type WeekInput } from "../api/weeks";

interface WeekValues {
  title: string;
  theme?: string;
  days: [Dayjs, Dayjs];
  target_tiers?: Tier[];
}

/** Start a week, or (its organisers) change what it says of itself. */
export function WeekForm({
  open,
  week,
  saving,
  onCancel,
  onSave,
}: {
  open: boolean;
  week?: Week;
  saving: boolean;
  onCancel: () => void;
  onSave: (input: WeekInput) => Promise<unknown>;
}) {
  const { t } = useTranslation();
  const showFailure = useShowFailure();
  const [form] = Form.useForm<WeekValues>();
  const submit = async (values: WeekValues) => {
    try {
      await onSave({
        title: values.title,
        theme: values.theme ?? "",
        start_date: values.days[0].format("YYYY-MM-DD"),
        end_date: values.days[1].format("YYYY-MM-DD"),
        target_tiers: values.target_tiers ?? [],
      });
      form.resetFields();
    } catch (error) {
      showFailure(form, error, { start_date: "days", end_date: "days" });
    }
  };
  return (
    <Modal
      open={open}
      title={week ? t("weeks.edit") : t("weeks.create")}
      okText={week ? t("common.save") : t("weeks.createButton")}
      cancelText={t("common.cancel")}
      confirmLoading={saving}
      onCancel={onCancel}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Form<WeekValues>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={
          week
            ? {
                title: week.title,
                theme: week.theme,
                days: [dayjs(week.start_date), dayjs(week.end_date)],
                target_tiers: week.target_tiers,
              }
            : { target_tiers: [] }
        }
        onFinish={(values) => void submit(values)}
      >
        <Form.Item
          name="title"
          label={t("weeks.fields.title")}
          rules={[{ required: true, whitespace: true, message: t("weeks.titleRequired") }]}
        >
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="theme" label={t("weeks.fields.theme")}>
          <Input.TextArea rows={3} maxLength={4000} />
        </Form.Item>
        <Form.Item
          name="days"
          label={t("weeks.fields.days")}
          rules={[{ required: true, message: t("weeks.daysRequired") }]}
        >
          <DatePicker.RangePicker
            aria-label={t("weeks.fields.days")}
            placeholder={[t("weeks.fields.startDate"), t("weeks.fields.endDate")]}
          />
        </Form.Item>
        <Form.Item name="target_tiers" label={t("weeks.fields.tiers")} extra={t("weeks.tiersHelp")}>
          <Select
            mode="multiple"
            allowClear
            options={TIERS.map((tier) => ({ value: tier, label: t(`enums.tier.${tier}`) }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
