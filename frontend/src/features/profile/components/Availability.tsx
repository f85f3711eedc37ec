import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Popconfirm,
  Space,
  Typography,
} from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useTranslation } from "react-i18next";

import { DepartmentTreeSelect } from "@/components/DepartmentTreeSelect";
import { QueryError } from "@/components/PageStates";
import { SkillSelect } from "@/components/SkillSelect";
import { ApiError, type Schemas } from "@/lib/api";
import { sendOnlyByButton, showFieldErrors, wholeNumber } from "@/lib/forms";
import { useAvailability, type Availability as AvailabilityData } from "@/lib/availability";
import { useDepartmentTree } from "@/lib/departments";
import { useErrorText } from "@/lib/errors";
import type { Me } from "@/lib/session";

import { useSetAvailability, useWithdrawAvailability } from "../api/profile";

interface AvailabilityValues {
  available_from?: Dayjs;
  available_to?: Dayjs | null;
  time_share_percent: number;
  preferred_departments: number[];
  preferred_skills: number[];
  note: string;
}

function allDepartmentIds(nodes: Schemas["DepartmentTree"][]): number[] {
  return nodes.flatMap((node) => [node.id, ...allDepartmentIds(node.children)]);
}

function toValues(availability: AvailabilityData | null): AvailabilityValues {
  return availability
    ? {
        available_from: dayjs(availability.available_from),
        available_to: availability.available_to ? dayjs(availability.available_to) : null,
        time_share_percent: availability.time_share_percent ?? 100,
        preferred_departments: availability.preferred_departments ?? [],
        preferred_skills: availability.preferred_skills ?? [],
        note: availability.note ?? "",
      }
    : { time_share_percent: 100, preferred_departments: [], preferred_skills: [], note: "" };
}

/** My opt-in to be seconded to another department: when, how much of my time, where I'd like. */
export function Availability({ me }: { me: Me }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { message } = App.useApp();
  const availability = useAvailability();
  const save = useSetAvailability();
  const withdraw = useWithdrawAvailability();
  const tree = useDepartmentTree();
  const [form] = Form.useForm<AvailabilityValues>();
  const otherDepartments = allDepartmentIds(tree.data ?? []).filter((id) => id !== me.department?.id);

  if (availability.isError) {
    return <QueryError error={availability.error} />;
  }
  if (availability.isPending) {
    return <Card title={t("profile.availability")} loading />;
  }
  const optedIn = availability.data !== null;

  const submit = (values: AvailabilityValues) =>
    save.mutate(
      {
        available_from: values.available_from?.format("YYYY-MM-DD") ?? "",
        available_to: values.available_to ? values.available_to.format("YYYY-MM-DD") : null,
        time_share_percent: values.time_share_percent,
        preferred_departments: values.preferred_departments,
        preferred_skills: values.preferred_skills,
        note: values.note,
      },
      {
        onSuccess: () => void message.success(t("profile.availabilitySaved")),
        onError: (error) => {
          if (error instanceof ApiError && error.fieldErrors().length > 0) {
            showFieldErrors(form, error);
          } else {
            void message.error(errorText(error));
          }
        },
      },
    );

  return (
    <Card title={t("profile.availability")}>
      <Alert
        type={optedIn ? "success" : "info"}
        showIcon
        title={optedIn ? t("profile.optedIn") : t("profile.notOptedIn")}
        style={{ marginBottom: 16 }}
      />
      <Form<AvailabilityValues>
        key={optedIn ? "opted-in" : "not-opted-in"}
        form={form}
        layout="vertical"
        initialValues={toValues(availability.data)}
        onFinish={submit}
        onKeyDown={sendOnlyByButton}
      >
        <Space wrap size="large" align="start">
          <Form.Item
            name="available_from"
            label={t("profile.availableFrom")}
            rules={[{ required: true, message: t("profile.availableFromRequired") }]}
          >
            <DatePicker />
          </Form.Item>
          <Form.Item name="available_to" label={t("profile.availableTo")} extra={t("profile.openEnded")}>
            <DatePicker allowClear />
          </Form.Item>
          <Form.Item
            name="time_share_percent"
            label={t("profile.timeShare")}
            rules={[wholeNumber(10, 100, t("profile.timeShareRange"))]}
          >
            <InputNumber<number> step={10} suffix="%" />
          </Form.Item>
        </Space>
        <Form.Item name="preferred_departments" label={t("profile.preferredDepartments")}>
          <DepartmentTreeSelect multiple allowClear selectable={otherDepartments} />
        </Form.Item>
        <Form.Item name="preferred_skills" label={t("profile.preferredSkills")}>
          <SkillSelect<number[]> multiple />
        </Form.Item>
        <Form.Item name="note" label={t("profile.note")}>
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
        <Typography.Paragraph type="secondary">{t("profile.availabilityHelp")}</Typography.Paragraph>
        <Space>
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            {optedIn ? t("common.save") : t("profile.optIn")}
          </Button>
          {optedIn && (
            <Popconfirm
              title={t("profile.confirmWithdraw")}
              okText={t("profile.withdraw")}
              cancelText={t("common.cancel")}
              onConfirm={() =>
                withdraw.mutate(undefined, {
                  onSuccess: () => void message.success(t("profile.withdrawn")),
                  onError: (error) => void message.error(errorText(error)),
                })
              }
            >
              <Button danger>{t("profile.withdraw")}</Button>
            </Popconfirm>
          )}
        </Space>
      </Form>
    </Card>
  );
}
