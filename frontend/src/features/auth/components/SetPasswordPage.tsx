import { LockOutlined } from "@ant-design/icons";
import { Alert, Button, Form, Input, Spin, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router";

import { ApiError } from "@/lib/api";
import { useErrorText } from "@/lib/errors";
import { showFieldErrors } from "@/lib/forms";

import { usePasswordLink, useSetPassword, type LinkAddress } from "../api/passwords";
import type { PasswordChosen } from "./LoginPage";
import { SignedOutCard } from "./SignedOutCard";

interface NewPassword {
  new_password: string;
  repeated: string;
}

/** The page a set-password link opens: a first sign-in, or a forgotten password. */
export function SetPasswordPage() {
  const { t } = useTranslation();
  const { uid = "", token = "" } = useParams();
  return (
    <SignedOutCard>
      <ChoosePassword link={{ uid, token }} />
      <div style={{ marginTop: 16, textAlign: "center" }}>
        <Link to="/login">{t("auth.backToSignIn")}</Link>
      </div>
    </SignedOutCard>
  );
}

function ChoosePassword({ link }: { link: LinkAddress }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const navigate = useNavigate();
  const [form] = Form.useForm<NewPassword>();
  const holder = usePasswordLink(link);
  const choose = useSetPassword(link);

  if (holder.isPending) {
    return <Spin style={{ display: "block" }} />;
  }
  if (holder.isError) {
    return (
      <Alert
        type="error"
        showIcon
        role="alert"
        title={errorText(holder.error)}
        description={<Link to="/forgot-password">{t("auth.askForNewLink")}</Link>}
      />
    );
  }
  const { username, display_name } = holder.data;
  const save = ({ new_password }: NewPassword) =>
    choose.mutate(new_password, {
      onSuccess: () => {
        const state: PasswordChosen = { passwordSetFor: username };
        void navigate("/login", { replace: true, state });
      },
      onError: (error) => {
        if (error instanceof ApiError) {
          showFieldErrors(form, error);
        }
      },
    });

  return (
    <>
      <Typography.Title level={2} style={{ fontSize: 18, marginTop: 0 }}>
        {t("auth.choosePasswordFor", { name: display_name })}
      </Typography.Title>
      <Typography.Paragraph>
        {t("auth.yourUsername")} <Typography.Text strong>{username}</Typography.Text>
      </Typography.Paragraph>
      <Form<NewPassword> form={form} layout="vertical" requiredMark={false} onFinish={save}>
        {/* For password managers: the account the new password is for. */}
        <input type="text" name="username" value={username} autoComplete="username" readOnly hidden />
        <Form.Item
          name="new_password"
          label={t("profile.newPassword")}
          extra={t("auth.newPasswordHelp")}
          rules={[{ required: true, message: t("profile.newPasswordRequired") }]}
        >
          <Input.Password prefix={<LockOutlined aria-hidden />} autoComplete="new-password" autoFocus />
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
          <Input.Password prefix={<LockOutlined aria-hidden />} autoComplete="new-password" />
        </Form.Item>
        {choose.isError && !(choose.error instanceof ApiError && choose.error.fieldErrors().length) && (
          <Alert
            type="error"
            showIcon
            role="alert"
            title={errorText(choose.error)}
            style={{ marginBottom: 16 }}
          />
        )}
        <Button type="primary" htmlType="submit" block loading={choose.isPending}>
          {t("auth.setPassword")}
        </Button>
      </Form>
    </>
  );
}
