import { Form, Input, InputNumber, Modal, Select } from "antd";
import { useTranslation } from "react-i18next";

import { SkillSelect } from "@/components/SkillSelect";
import { ApiError, type Schemas } from "@/lib/api";
import { showFieldErrors, wholeNumber } from "@/lib/forms";

import type { Group, GroupInput } from "../api/groups";

interface GroupValues {
  name: string;
  description: string;
  skills: number[];
  target_tier?: Schemas["TierEnum"];
  join_policy: Schemas["JoinPolicyEnum"];
  capacity?: number | null;
}

const TIERS: Schemas["TierEnum"][] = ["leader", "general", "specialist"];
const POLICIES: Schemas["JoinPolicyEnum"][] = ["open", "approval", "invite"];

/** Create a group, or (its owner and moderators) change one. */
export function GroupForm({
  open,
  group,
  saving,
  onCancel,
  onSave,
}: {
  open: boolean;
  group?: Group;
  saving: boolean;
  onCancel: () => void;
  onSave: (input: GroupInput) => Promise<unknown>;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<GroupValues>();
  const submit = async (values: GroupValues) => {
    try {
      await onSave({
        name: values.name,
        description: values.description ?? "",
        skills: values.skills ?? [],
        target_tier: values.target_tier ?? "",
        join_policy: values.join_policy,
        capacity: values.capacity ?? null,
      });
      form.resetFields();
    } catch (error) {
      if (error instanceof ApiError) {
        showFieldErrors(form, error);
      }
    }
  };
  return (
    <Modal
      open={open}
      title={group ? t("groups.edit") : t("groups.create")}
      okText={group ? t("common.save") : t("groups.createButton")}
      cancelText={t("common.cancel")}
      confirmLoading={saving}
      onCancel={onCancel}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Form<GroupValues>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={
          group
            ? {
                name: group.name,
                description: group.description,
                skills: group.skills.map((skill) => skill.id),
                target_tier: group.target_tier || undefined,
                join_policy: group.join_policy,
                capacity: group.capacity,
              }
            : { join_policy: "open", skills: [], description: "" }
        }
        onFinish={(values) => void submit(values)}
      >
        <Form.Item
          name="name"
          label={t("groups.fields.name")}
          rules={[{ required: true, message: t("groups.nameRequired") }]}
        >
          <Input maxLength={120} />
        </Form.Item>
        <Form.Item name="description" label={t("groups.fields.description")}>
          <Input.TextArea rows={3} maxLength={4000} />
        </Form.Item>
        <Form.Item name="skills" label={t("groups.fields.skills")}>
          <SkillSelect<number[]> multiple />
        </Form.Item>
        <Form.Item name="target_tier" label={t("groups.fields.tier")}>
          <Select
            allowClear
            placeholder={t("groups.anyTier")}
            options={TIERS.map((tier) => ({ value: tier, label: t(`enums.tier.${tier}`) }))}
          />
        </Form.Item>
        <Form.Item name="join_policy" label={t("groups.fields.policy")}>
          <Select
            options={POLICIES.map((policy) => ({ value: policy, label: t(`enums.joinPolicy.${policy}`) }))}
          />
        </Form.Item>
        <Form.Item
          name="capacity"
          label={t("groups.fields.capacity")}
          extra={t("groups.capacityHelp")}
          rules={[wholeNumber(2, Number.MAX_SAFE_INTEGER, t("groups.capacityRange"), true)]}
        >
          <InputNumber<number> />
        </Form.Item>
      </Form>
    </Modal>
  );
}
