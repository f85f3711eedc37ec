import { App, Button, Card, Flex, Form, Popconfirm, Select, Space, Table, Typography } from "antd";
import { useTranslation } from "react-i18next";

import { QueryError } from "@/components/PageStates";
import { PersonSelect } from "@/components/PersonSelect";
import { ApiError } from "@/lib/api";
import { showFieldErrors } from "@/lib/forms";
import { useErrorText } from "@/lib/errors";
import { useFormat } from "@/lib/format";
import { toNumber, useUrlFilters } from "@/lib/url-state";

import { useGrantRole, useRevokeRole, useRoleGrants, type Role, type RoleGrant } from "../api/admin";

const ROLES: Role[] = ["staff", "organiser", "hr", "dept_head", "admin"];

interface GrantValues {
  user?: number;
  role?: Role;
}

/** Roles are granted here, by administrators only; every grant and revocation is audited. */
export function RolesPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const errorText = useErrorText();
  const { message } = App.useApp();
  const { values, page, pageSize, update, pagination } = useUrlFilters(["user", "role"] as const);
  const grants = useRoleGrants({
    user: toNumber(values.user),
    role: values.role as Role | undefined,
    page,
    page_size: pageSize,
  });
  const grant = useGrantRole();
  const revoke = useRevokeRole();
  const [form] = Form.useForm<GrantValues>();
  const roleOptions = ROLES.map((role) => ({ value: role, label: t(`enums.role.${role}`) }));

  if (grants.isError) {
    return <QueryError error={grants.error} />;
  }
  return (
    <Flex vertical gap={16}>
      <Typography.Title level={2} style={{ margin: 0 }}>
        {t("roles.title")}
      </Typography.Title>
      <Card title={t("roles.grant")}>
        <Form<GrantValues>
          form={form}
          layout="inline"
          style={{ rowGap: 8 }}
          onFinish={({ user, role }) =>
            user &&
            role &&
            grant.mutate(
              { user, role },
              {
                onSuccess: () => {
                  form.resetFields();
                  void message.success(t("roles.granted"));
                },
                onError: (error) => {
                  if (error instanceof ApiError && error.fieldErrors().length > 0) {
                    showFieldErrors(form, error);
                  } else {
                    void message.error(errorText(error));
                  }
                },
              },
            )
          }
        >
          <Form.Item
            name="user"
            label={t("roles.person")}
            rules={[{ required: true, message: t("roles.personRequired") }]}
          >
            <PersonSelect />
          </Form.Item>
          <Form.Item
            name="role"
            label={t("roles.role")}
            rules={[{ required: true, message: t("roles.roleRequired") }]}
          >
            <Select options={roleOptions} style={{ width: 180 }} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={grant.isPending}>
            {t("roles.grantButton")}
          </Button>
        </Form>
      </Card>
      <Card>
        <Space wrap>
          <PersonSelect
            aria-label={t("roles.filterPerson")}
            placeholder={t("roles.filterPerson")}
            allowClear
            value={toNumber(values.user)}
            onChange={(user) => update({ user })}
          />
          <Select<Role>
            aria-label={t("roles.filterRole")}
            placeholder={t("roles.filterRole")}
            allowClear
            value={values.role as Role | undefined}
            onChange={(role) => update({ role })}
            options={roleOptions}
            style={{ width: 180 }}
          />
        </Space>
      </Card>
      <Table<RoleGrant>
        rowKey="id"
        loading={grants.isFetching}
        dataSource={grants.data?.results}
        locale={{ emptyText: t("roles.empty") }}
        pagination={pagination(grants.data?.count)}
        columns={[
          { title: t("roles.person"), dataIndex: "user_display_name" },
          { title: t("roles.role"), dataIndex: "role", render: (role: Role) => t(`enums.role.${role}`) },
          { title: t("roles.grantedBy"), dataIndex: "granted_by", render: (by: string | null) => by ?? "—" },
          {
            title: t("roles.grantedAt"),
            dataIndex: "granted_at",
            render: (at: string) => format.dateTime(at),
          },
          {
            title: <span className="visually-hidden">{t("common.actions")}</span>,
            render: (_, row) => (
              <Popconfirm
                title={t("roles.confirmRevoke", {
                  role: t(`enums.role.${row.role}`),
                  person: row.user_display_name,
                })}
                okText={t("roles.revoke")}
                cancelText={t("common.cancel")}
                okButtonProps={{ danger: true }}
                onConfirm={() =>
                  revoke.mutate(row.id, {
                    onSuccess: () => void message.success(t("roles.revoked")),
                    onError: (error) => void message.error(errorText(error)),
                  })
                }
              >
                <Button danger size="small">
                  {t("roles.revoke")}
                </Button>
              </Popconfirm>
            ),
          },
        ]}
      />
    </Flex>
  );
}
