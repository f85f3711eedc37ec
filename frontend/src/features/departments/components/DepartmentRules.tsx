import { DeleteOutlined, EditOutlined } from "@ant-design/icons";
import {
  App,
  Button,
  Descriptions,
  Drawer,
  Flex,
  Form,
  Grid,
  InputNumber,
  Popconfirm,
  Space,
  Table,
  Tag,
  Typography,
} from "antd";
import { useTranslation } from "react-i18next";

import { QueryError } from "@/components/PageStates";
import { SkillSelect } from "@/components/SkillSelect";
import { useErrorText } from "@/lib/errors";
import { useFormat } from "@/lib/format";
import { useShowFailure, wholeNumber } from "@/lib/forms";

import {
  useDepartment,
  useRemoveFloor,
  useSetFloor,
  useSetReleaseCap,
  type DepartmentDetail,
  type Floor,
} from "../api/rules";

interface CapValues {
  release_cap_percent: number | null;
}

interface FloorValues {
  skill?: number;
  min_level: number | null;
  min_people: number | null;
}

/** A whole number from ``low`` to ``high``, refused with a message rather than clamped. */
function ReleaseCap({ department }: { department: DepartmentDetail }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { message } = App.useApp();
  const save = useSetReleaseCap(department.id);
  const showFailure = useShowFailure();
  const [form] = Form.useForm<CapValues>();
  return (
    <Flex vertical gap={8}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t("departments.rules.capTitle")}
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t("departments.rules.capHelp")}
      </Typography.Paragraph>
      <Descriptions
        size="small"
        column={1}
        bordered
        items={[
          { key: "staff", label: t("departments.headcount"), children: format.number(department.headcount) },
          {
            key: "cap",
            label: t("departments.rules.mayBeOut"),
            children: t("departments.rules.people", { count: department.release_cap_people }),
          },
          {
            key: "out",
            label: t("departments.rules.outNow"),
            children: t("departments.rules.people", { count: department.people_out }),
          },
        ]}
      />
      <Form<CapValues>
        key={department.release_cap_percent}
        form={form}
        layout="inline"
        initialValues={{ release_cap_percent: department.release_cap_percent }}
        onFinish={(values) =>
          save.mutate(values.release_cap_percent ?? 0, {
            onSuccess: () => void message.success(t("departments.rules.capSaved")),
            onError: (error) => showFailure(form, error),
          })
        }
      >
        <Form.Item
          name="release_cap_percent"
          label={t("departments.releaseCap")}
          rules={[wholeNumber(0, 100, t("departments.rules.capRange"))]}
        >
          <InputNumber<number> suffix="%" style={{ width: 120 }} />
        </Form.Item>
        <Form.Item>
          <Button htmlType="submit" type="primary" loading={save.isPending}>
            {t("common.save")}
          </Button>
        </Form.Item>
      </Form>
    </Flex>
  );
}

function Floors({ department }: { department: DepartmentDetail }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { message } = App.useApp();
  const setFloor = useSetFloor(department.id);
  const removeFloor = useRemoveFloor(department.id);
  const showFailure = useShowFailure();
  const errorText = useErrorText();
  const [form] = Form.useForm<FloorValues>();
  const floors = department.critical_skill_floors;
  return (
    <Flex vertical gap={8}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t("departments.rules.floorsTitle")}
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t("departments.rules.floorsHelp")}
      </Typography.Paragraph>
      <Table<Floor>
        rowKey={(floor) => floor.skill.id}
        size="small"
        pagination={false}
        dataSource={floors}
        scroll={{ x: "max-content" }}
        locale={{ emptyText: t("departments.rules.noFloors") }}
        columns={[
          { title: t("departments.rules.skill"), render: (_, floor) => format.name(floor.skill) },
          {
            title: t("departments.rules.minLevel"),
            render: (_, floor) => `≥ ${format.level(floor.min_level)}`,
          },
          { title: t("departments.rules.keepAtHome"), dataIndex: "min_people", align: "right" },
          {
            title: t("departments.rules.atHome"),
            align: "right",
            render: (_, floor) =>
              floor.at_home < floor.min_people ? (
                <Tag color="error">{t("departments.rules.belowFloor", { count: floor.at_home })}</Tag>
              ) : (
                t("departments.rules.mayRelease", {
                  atHome: floor.at_home,
                  count: floor.at_home - floor.min_people,
                })
              ),
          },
          {
            title: t("common.actions"),
            fixed: "end",
            render: (_, floor) => (
              <Space>
                <Button
                  size="small"
                  icon={<EditOutlined aria-hidden />}
                  aria-label={t("departments.rules.editFloor", { skill: format.name(floor.skill) })}
                  title={t("departments.rules.edit")}
                  onClick={() =>
                    form.setFieldsValue({
                      skill: floor.skill.id,
                      min_level: floor.min_level,
                      min_people: floor.min_people,
                    })
                  }
                />
                <Popconfirm
                  title={t("departments.rules.confirmRemove", { skill: format.name(floor.skill) })}
                  okText={t("common.remove")}
                  cancelText={t("common.cancel")}
                  onConfirm={() =>
                    removeFloor.mutate(floor.skill.id, {
                      onSuccess: () => void message.success(t("departments.rules.floorRemoved")),
                      onError: (error) => void message.error(errorText(error)),
                    })
                  }
                >
                  <Button
                    size="small"
                    danger
                    icon={<DeleteOutlined aria-hidden />}
                    aria-label={t("departments.rules.removeFloor", { skill: format.name(floor.skill) })}
                    title={t("common.remove")}
                  />
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      <Form<FloorValues>
        form={form}
        layout="vertical"
        initialValues={{ min_level: 3, min_people: 1 }}
        onFinish={({ skill, min_level, min_people }) =>
          setFloor.mutate(
            { skill: skill ?? 0, min_level: min_level ?? 0, min_people: min_people ?? 0 },
            {
              onSuccess: () => {
                void message.success(t("departments.rules.floorSaved"));
                form.resetFields();
              },
              onError: (error) => showFailure(form, error),
            },
          )
        }
      >
        <Typography.Text strong>{t("departments.rules.setFloor")}</Typography.Text>
        <Form.Item
          name="skill"
          label={t("departments.rules.skill")}
          rules={[{ required: true, message: t("departments.rules.skillRequired") }]}
        >
          <SkillSelect />
        </Form.Item>
        <Space wrap align="start">
          <Form.Item
            name="min_level"
            label={t("departments.rules.minLevel")}
            rules={[wholeNumber(1, 5, t("departments.rules.levelRange"))]}
          >
            <InputNumber<number> style={{ width: 120 }} />
          </Form.Item>
          <Form.Item
            name="min_people"
            label={t("departments.rules.keepAtHome")}
            rules={[wholeNumber(1, 10_000, t("departments.rules.peopleRange"))]}
          >
            <InputNumber<number> style={{ width: 120 }} />
          </Form.Item>
        </Space>
        <Button htmlType="submit" type="primary" loading={setFloor.isPending}>
          {t("departments.rules.saveFloor")}
        </Button>
      </Form>
    </Flex>
  );
}

/** HR and administrators set what a department may lend: its release cap and the critical skills
 * it keeps at home. Both bind the next match run; every change is audited. */
export function DepartmentRules({ departmentId, onClose }: { departmentId: number; onClose: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const department = useDepartment(departmentId);
  const phone = Grid.useBreakpoint().sm === false;
  return (
    <Drawer
      open
      onClose={onClose}
      size={phone ? "100%" : 640}
      title={
        department.data
          ? t("departments.rules.title", { name: format.name(department.data) })
          : t("common.loading")
      }
      loading={department.isPending}
    >
      {department.isError && <QueryError error={department.error} />}
      {department.data && (
        <Flex vertical gap={32}>
          <ReleaseCap department={department.data} />
          <Floors department={department.data} />
        </Flex>
      )}
    </Drawer>
  );
}
