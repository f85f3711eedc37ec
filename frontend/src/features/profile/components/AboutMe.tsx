import { Alert, App, Button, Card, Descriptions, Form, Grid, Input, Space, Tag } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";

import { ApiError } from "@/lib/api";
import { showFieldErrors } from "@/lib/forms";
import { useFormat } from "@/lib/format";
import type { Me } from "@/lib/session";

import { useUpdateContact } from "../api/profile";

interface ContactValues {
  email: string;
  phone: string;
}

/** Who I am, as the city's records have it; I keep my contact details up to date. */
export function AboutMe({ me }: { me: Me }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { message } = App.useApp();
  const [editing, setEditing] = useState(false);
  const [form] = Form.useForm<ContactValues>();
  const narrow = Grid.useBreakpoint().sm === false;
  const updateContact = useUpdateContact();

  const save = (values: ContactValues) =>
    updateContact.mutate(values, {
      onSuccess: () => {
        setEditing(false);
        void message.success(t("profile.contactSaved"));
      },
      onError: (error) => {
        if (error instanceof ApiError) {
          showFieldErrors(form, error);
        }
      },
    });

  return (
    <Card title={t("profile.aboutMe")}>
      <Descriptions column={{ xs: 1, md: 2 }}>
        <Descriptions.Item label={t("people.fields.name")}>{me.display_name}</Descriptions.Item>
        <Descriptions.Item label={t("people.fields.employeeNumber")}>{me.employee_number}</Descriptions.Item>
        <Descriptions.Item label={t("people.fields.department")}>
          {me.department ? format.name(me.department) : "—"}
        </Descriptions.Item>
        <Descriptions.Item label={t("people.fields.position")}>{me.position || "—"}</Descriptions.Item>
        <Descriptions.Item label={t("people.fields.tier")}>{t(`enums.tier.${me.tier}`)}</Descriptions.Item>
        <Descriptions.Item label={t("people.fields.clearance")}>
          {format.clearance(me.clearance)}
        </Descriptions.Item>
        <Descriptions.Item label={t("people.fields.roles")}>
          {me.roles.length > 0 ? (
            me.roles.map((role) => <Tag key={role}>{t(`enums.role.${role}`)}</Tag>)
          ) : (
            <Tag>{t("profile.noRole")}</Tag>
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t("people.fields.nationalId")}>{me.national_id || "—"}</Descriptions.Item>
        {!editing && (
          <>
            <Descriptions.Item label={t("people.fields.email")}>{me.email || "—"}</Descriptions.Item>
            <Descriptions.Item label={t("people.fields.phone")}>{me.phone || "—"}</Descriptions.Item>
          </>
        )}
      </Descriptions>
      {editing ? (
        <Form<ContactValues>
          form={form}
          // Side by side a label and its field are wider than a phone.
          layout={narrow ? "vertical" : "inline"}
          initialValues={{ email: me.email, phone: me.phone }}
          onFinish={save}
          style={{ rowGap: 8, marginTop: 16 }}
        >
          <Form.Item
            name="email"
            label={t("people.fields.email")}
            rules={[{ type: "email", message: t("profile.badEmail") }]}
          >
            <Input style={{ width: 240, maxWidth: "100%" }} />
          </Form.Item>
          <Form.Item name="phone" label={t("people.fields.phone")}>
            <Input style={{ width: 180, maxWidth: "100%" }} />
          </Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" loading={updateContact.isPending}>
              {t("common.save")}
            </Button>
            <Button onClick={() => setEditing(false)}>{t("common.cancel")}</Button>
          </Space>
        </Form>
      ) : (
        <Button onClick={() => setEditing(true)} style={{ marginTop: 16 }}>
          {t("profile.editContact")}
        </Button>
      )}
      {updateContact.isError && !(updateContact.error instanceof ApiError) && (
        <Alert type="error" showIcon title={t("errors.network")} style={{ marginTop: 12 }} />
      )}
    </Card>
  );
}
