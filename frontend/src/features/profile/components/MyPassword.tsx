import { App, Button, Card, Form, Input } from "antd";
import { useTranslation } from "react-i18next";

import { ApiError } from "@/lib/api";
import { showFieldErrors } from "@/lib/forms";

import { useChangePassword } from "../api/profile";

interface PasswordValues {
  current_password: string;
  new_password: string;
  repeated: string;
}

/** I change my password; my other sessions and my API token end, this session goes on. */
export function MyPassword() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<PasswordValues>();
  const change = useChangePassword();

  const save = ({ current_password, new_password }: PasswordValues) =>
    change.mutate(
      { current_password, new_password },
      {
        onSuccess: () => {
          form.resetFields();
          void message.success(t("profile.passwordChanged"));
        },
        onError: (error) => {
          if (error instanceof ApiError) {
            showFieldErrors(form, error);
          }
        },
      },
    );

  return (
    <Card title={t("profile.password")}>
      <Form<PasswordValues> form={form} layout="vertical" onFinish={save} style={{ maxWidth: 420 }}>
        <Form.Item
          name="current_password"
          label={t("profile.currentPassword")}
          rules={[{ required: true, message: t("profile.currentPasswordRequired") }]}
        >
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          name="new_password"
          label={t("profile.newPassword")}
          extra={t("profile.newPasswordHelp")}
          rules={[{ required: true, message: t("profile.newPasswordRequired") }]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="repeated"
          label={t("profile.repeatPassword")}
          dependencies={["new_password"]}
          rules={[
            { required: true, message: t("profile.repeatPasswordRequired") },
            ({ getFieldValue }) => ({
              validator: (_, value: string) =>
                !value || value === getFieldValue("new_password")
                  ? Promise.resolve()
                  : Promise.reject(new Error(t("profile.passwordsDiffer"))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={change.isPending}>
          {t("profile.changePassword")}
        </Button>
      </Form>
    </Card>
  );
}
