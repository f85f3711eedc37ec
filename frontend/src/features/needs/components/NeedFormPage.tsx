import { MinusCircleOutlined, PlusOutlined } from "@ant-design/icons";
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Flex,
  Form,
  Input,
  InputNumber,
  Select,
  Space,
  Switch,
  Typography,
} from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate, useParams } from "react-router";

import { DepartmentTreeSelect } from "@/components/DepartmentTreeSelect";
import { Loading, NotAvailable, QueryError } from "@/components/PageStates";
import { SkillSelect } from "@/components/SkillSelect";
import { ApiError, type Schemas } from "@/lib/api";
import { numberBetween, sendOnlyByButton, showFieldErrors, wholeNumber } from "@/lib/forms";
import { useFormat } from "@/lib/format";
import { useMe } from "@/lib/session";

import { useCreateNeed, useNeed, useUpdateNeed, type Need, type NeedInput } from "../api/needs";

interface RequirementValues {
  skill?: number;
  min_level: number;
  weight: number;
  must: boolean;
}

interface NeedValues {
  department?: number;
  title: string;
  description: string;
  headcount: number;
  period?: [Dayjs, Dayjs];
  tier?: Schemas["TierEnum"];
  clearance: number;
  requirements: RequirementValues[];
}

const TIERS: Schemas["TierEnum"][] = ["leader", "general", "specialist"];
const CLEARANCES = [0, 1, 2, 3] as const;
const SHOWN_FIELDS = [
  "department",
  "title",
  "description",
  "headcount",
  "start_date",
  "end_date",
  "tier",
  "clearance",
  "requirements",
];

function toValues(need: Need): NeedValues {
  return {
    department: need.department.id,
    title: need.title,
    description: need.description,
    headcount: need.headcount,
    period: [dayjs(need.start_date), dayjs(need.end_date)],
    tier: need.tier || undefined,
    clearance: need.clearance,
    requirements: need.requirements.map((requirement) => ({
      skill: requirement.skill.id,
      min_level: requirement.min_level,
      weight: Number(requirement.weight),
      must: requirement.must,
    })),
  };
}

function toInput(values: NeedValues): NeedInput {
  return {
    department: values.department ?? 0,
    title: values.title,
    description: values.description ?? "",
    headcount: values.headcount,
    start_date: values.period?.[0].format("YYYY-MM-DD") ?? "",
    end_date: values.period?.[1].format("YYYY-MM-DD") ?? "",
    tier: values.tier ?? "",
    clearance: values.clearance as NeedInput["clearance"],
    requirements: values.requirements.map((requirement) => ({
      skill: requirement.skill ?? 0,
      min_level: requirement.min_level,
      weight: String(requirement.weight),
      must: requirement.must,
    })),
  };
}

export function NeedCreatePage() {
  return <NeedForm />;
}

export function NeedEditPage() {
  const id = Number(useParams().id);
  const need = useNeed(id);
  if (!Number.isInteger(id)) {
    return <NotAvailable reason="not_found" />;
  }
  if (need.isPending) {
    return <Loading />;
  }
  if (need.isError) {
    return <QueryError error={need.error} />;
  }
  if (!need.data.can_edit) {
    return <NotAvailable reason="forbidden" />;
  }
  return <NeedForm need={need.data} />;
}

function NeedForm({ need }: { need?: Need }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const me = useMe().data;
  const [form] = Form.useForm<NeedValues>();
  const [general, setGeneral] = useState<string[]>([]);
  const create = useCreateNeed();
  const update = useUpdateNeed(need?.id ?? 0);
  const saving = create.isPending || update.isPending;
  const headed = me?.headed_department_ids ?? [];

  const save = (values: NeedValues) => {
    setGeneral([]);
    const mutation = need ? update : create;
    mutation.mutate(toInput(values), {
      onSuccess: (saved) => {
        void message.success(need ? t("needs.saved") : t("needs.created"));
        if (saved) {
          void navigate(`/needs/${saved.id}`);
        }
      },
      onError: (error) => {
        if (error instanceof ApiError) {
          // The period's two dates are edited by one picker.
          showFieldErrors(form, error, { start_date: "period", end_date: "period" });
          setGeneral(error.generalMessages(SHOWN_FIELDS));
        } else {
          setGeneral([t("errors.network")]);
        }
      },
    });
  };

  return (
    <Flex vertical gap={16} style={{ maxWidth: 880 }}>
      <Typography.Title level={2} style={{ margin: 0 }}>
        {need ? t("needs.editTitle") : t("needs.new")}
      </Typography.Title>
      <Card>
        <Form<NeedValues>
          form={form}
          layout="vertical"
          initialValues={
            need
              ? toValues(need)
              : {
                  department: headed.length === 1 ? headed[0] : undefined,
                  headcount: 1,
                  clearance: 0,
                  description: "",
                  requirements: [{ min_level: 3, weight: 1, must: true }],
                }
          }
          onFinish={save}
          onKeyDown={sendOnlyByButton}
          // To the middle of the screen, with its label: at the top edge, the first wrong field
          // would lie under the header that stays on top.
          scrollToFirstError={{ block: "center" }}
        >
          <Form.Item
            name="department"
            label={t("needs.department")}
            rules={[{ required: true, message: t("needs.validation.department") }]}
          >
            <DepartmentTreeSelect selectable={headed} />
          </Form.Item>
          <Form.Item
            name="title"
            label={t("needs.fields.title")}
            rules={[{ required: true, message: t("needs.validation.title") }, { max: 200 }]}
          >
            <Input />
          </Form.Item>
          <Form.Item name="description" label={t("needs.fields.description")}>
            <Input.TextArea rows={3} />
          </Form.Item>
          {/* Apart side by side; one under another, the fields' own margins are gap enough. */}
          <Space wrap size={[24, 0]} align="start">
            <Form.Item
              name="headcount"
              label={t("needs.fields.headcount")}
              rules={[wholeNumber(1, 100, t("needs.validation.headcount"))]}
            >
              <InputNumber<number> />
            </Form.Item>
            <Form.Item
              name="period"
              label={t("needs.fields.period")}
              rules={[{ required: true, message: t("needs.validation.period") }]}
            >
              <DatePicker.RangePicker
                aria-label={t("needs.fields.period")}
                placeholder={[t("needs.fields.start"), t("needs.fields.end")]}
              />
            </Form.Item>
            <Form.Item name="tier" label={t("needs.fields.tier")}>
              <Select
                allowClear
                placeholder={t("needs.anyTier")}
                options={TIERS.map((tier) => ({ value: tier, label: t(`enums.tier.${tier}`) }))}
                style={{ width: 180 }}
              />
            </Form.Item>
            <Form.Item name="clearance" label={t("needs.fields.clearance")}>
              <Select
                options={CLEARANCES.map((level) => ({ value: level, label: format.clearance(level) }))}
                style={{ width: 140 }}
              />
            </Form.Item>
          </Space>
          <Typography.Title level={3} style={{ fontSize: 16 }}>
            {t("needs.requirements")}
          </Typography.Title>
          <Form.List name="requirements">
            {(fields, { add, remove }, { errors }) => (
              <Flex vertical gap={4}>
                {fields.map((field, index) => (
                  <Space key={field.key} align="start" wrap>
                    <Form.Item
                      name={[field.name, "skill"]}
                      label={index === 0 ? t("needs.fields.skill") : undefined}
                      rules={[{ required: true, message: t("needs.validation.skill") }]}
                      // One width for every row, whatever the skill's name (a long one is cut
                      // short), so that the rows' levels and weights line up.
                      style={{ width: 300, maxWidth: "100%" }}
                    >
                      <SkillSelect
                        aria-label={`${t("needs.fields.skill")} ${index + 1}`}
                        style={{ width: "100%", minWidth: 0 }}
                      />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, "min_level"]}
                      label={index === 0 ? t("needs.fields.minLevel") : undefined}
                      rules={[wholeNumber(1, 5, t("needs.validation.minLevel"))]}
                    >
                      <InputNumber<number> aria-label={`${t("needs.fields.minLevel")} ${index + 1}`} />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, "weight"]}
                      label={index === 0 ? t("needs.fields.weight") : undefined}
                      rules={[numberBetween(0.1, 10, t("needs.validation.weight"))]}
                    >
                      <InputNumber<number>
                        aria-label={`${t("needs.fields.weight")} ${index + 1}`}
                        step={0.5}
                      />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, "must"]}
                      label={index === 0 ? t("needs.fields.must") : undefined}
                      valuePropName="checked"
                    >
                      <Switch
                        aria-label={`${t("needs.fields.must")} ${index + 1}`}
                        checkedChildren={t("needs.mustHave")}
                        unCheckedChildren={t("needs.niceToHave")}
                      />
                    </Form.Item>
                    <Button
                      type="text"
                      aria-label={t("needs.removeRequirement")}
                      icon={<MinusCircleOutlined aria-hidden />}
                      onClick={() => remove(field.name)}
                      disabled={fields.length === 1}
                      style={{ marginTop: index === 0 ? 30 : 0 }}
                    />
                  </Space>
                ))}
                <Form.ErrorList errors={errors} />
                <Button
                  type="dashed"
                  icon={<PlusOutlined aria-hidden />}
                  onClick={() => add({ min_level: 3, weight: 1, must: true })}
                  style={{ alignSelf: "flex-start" }}
                >
                  {t("needs.addRequirement")}
                </Button>
              </Flex>
            )}
          </Form.List>
          {general.length > 0 && (
            <Alert type="error" showIcon role="alert" title={general.join(" ")} style={{ marginTop: 16 }} />
          )}
          <Space style={{ marginTop: 24 }}>
            <Button type="primary" htmlType="submit" loading={saving}>
              {need ? t("common.save") : t("needs.createDraft")}
            </Button>
            <Button onClick={() => navigate(need ? `/needs/${need.id}` : "/needs")}>
              {t("common.cancel")}
            </Button>
          </Space>
        </Form>
      </Card>
    </Flex>
  );
}
