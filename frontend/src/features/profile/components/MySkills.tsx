import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { App, Button, Card, Form, Grid, Popconfirm, Select, Space, Table, Typography } from "antd";
import { useTranslation } from "react-i18next";

import { QueryError } from "@/components/PageStates";
import { SkillSelect } from "@/components/SkillSelect";
import { ProvenanceTag } from "@/components/tags";
import { ApiError } from "@/lib/api";
import { showFieldErrors } from "@/lib/forms";
import { useErrorText } from "@/lib/errors";
import { SKILL_LEVELS, useFormat } from "@/lib/format";

import { useAddSkill, useMySkills, useRemoveSkill, useSetSkillLevel, type MySkill } from "../api/profile";

interface NewSkill {
  skill?: number;
  level: number;
}

/** My skills, each with its level and where the level comes from; I change what I declared. */
export function MySkills() {
  const { t } = useTranslation();
  const format = useFormat();
  const errorText = useErrorText();
  const { message } = App.useApp();
  const skills = useMySkills();
  const add = useAddSkill();
  const setLevel = useSetSkillLevel();
  const remove = useRemoveSkill();
  const [form] = Form.useForm<NewSkill>();
  const phone = Grid.useBreakpoint().sm === false;
  const levelOptions = SKILL_LEVELS.map((level) => ({ value: level, label: format.level(level) }));
  const onError = (error: unknown) => void message.error(errorText(error));

  if (skills.isError) {
    return <QueryError error={skills.error} />;
  }
  return (
    <Card title={t("profile.mySkills")}>
      <Typography.Paragraph type="secondary">{t("profile.skillsHelp")}</Typography.Paragraph>
      <Table<MySkill>
        rowKey={(row) => row.skill.id}
        loading={skills.isPending}
        dataSource={skills.data?.results}
        pagination={false}
        locale={{ emptyText: t("profile.noSkills") }}
        // On a phone the table keeps the skill, its level and its removal, closer together, and
        // fits the card; where each level comes from shows from sm on.
        size={phone ? "small" : undefined}
        scroll={phone ? undefined : { x: 640 }}
        columns={[
          {
            title: t("needs.fields.skill"),
            render: (_, row) => (
              <Space orientation="vertical" size={0}>
                {format.name(row.skill)}
                <Typography.Text type="secondary">{format.otherName(row.skill)}</Typography.Text>
              </Space>
            ),
          },
          {
            title: t("profile.level"),
            render: (_, row) => (
              <Select
                aria-label={t("profile.levelOf", { skill: format.name(row.skill) })}
                value={row.level}
                options={levelOptions}
                onChange={(level) => setLevel.mutate({ skill: row.skill.id, level }, { onError })}
                style={{ width: phone ? 130 : 150 }}
              />
            ),
          },
          {
            title: t("profile.provenance"),
            responsive: ["sm"],
            render: (_, row) => (
              <Space orientation="vertical" size={0}>
                <ProvenanceTag provenance={row.provenance} />
                {row.verified_by && (
                  <Typography.Text type="secondary">
                    {t("profile.verifiedBy", { name: row.verified_by })}
                  </Typography.Text>
                )}
              </Space>
            ),
          },
          {
            title: <span className="visually-hidden">{t("common.actions")}</span>,
            // Kept in sight while the table scrolls; on a phone it does not scroll.
            fixed: phone ? undefined : "end",
            render: (_, row) => (
              <Popconfirm
                title={t("profile.confirmRemoveSkill", { skill: format.name(row.skill) })}
                okText={t("common.remove")}
                cancelText={t("common.cancel")}
                onConfirm={() => remove.mutate(row.skill.id, { onError })}
              >
                <Button
                  type="text"
                  danger
                  icon={<DeleteOutlined aria-hidden />}
                  aria-label={t("profile.removeSkill", { skill: format.name(row.skill) })}
                />
              </Popconfirm>
            ),
          },
        ]}
      />
      <Form<NewSkill>
        form={form}
        // Side by side the label and the skill's field are wider than a phone.
        layout={phone ? "vertical" : "inline"}
        initialValues={{ level: 3 }}
        style={{ marginTop: 16, rowGap: 8 }}
        onFinish={({ skill, level }) =>
          add.mutate(
            { skill: skill ?? 0, level },
            {
              onSuccess: () => {
                form.resetFields();
                void message.success(t("profile.skillAdded"));
              },
              onError: (error) => {
                if (error instanceof ApiError && error.fieldErrors().length > 0) {
                  showFieldErrors(form, error);
                } else {
                  onError(error);
                }
              },
            },
          )
        }
      >
        <Form.Item
          name="skill"
          label={t("profile.addSkill")}
          rules={[{ required: true, message: t("needs.validation.skill") }]}
        >
          <SkillSelect aria-label={t("profile.addSkill")} />
        </Form.Item>
        <Form.Item name="level" label={t("profile.level")}>
          <Select options={levelOptions} style={{ width: 150 }} />
        </Form.Item>
        <Button type="primary" htmlType="submit" icon={<PlusOutlined aria-hidden />} loading={add.isPending}>
          {t("common.add")}
        </Button>
      </Form>
    </Card>
  );
}
