import { UserOutlined } from "@ant-design/icons";
import { Alert, Button, Form, Input, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";

import { useErrorText } from "@/lib/errors";

import { useRequestPasswordReset } from "../api/passwords";
import { SignedOutCard } from "./SignedOutCard";

/** "Forgot password": a link to choose a new one is emailed to the account, if it has an email. */
export function ForgotPasswordPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const request = useRequestPasswordReset();

  return (
    <SignedOutCard>
      <Typography.Title level={2} style={{ fontSize: 18, marginTop: 0 }}>
        {t("auth.forgotTitle")}
      </Typography.Title>
      {request.isSuccess ? (
        <Alert type="success" showIcon title={request.data.detail} role="status" />
      ) : (
        <>
          <Typography.Paragraph type="secondary">{t("auth.forgotHelp")}</Typography.Paragraph>
          <Form<{ login: string }>
            layout="vertical"
            requiredMark={false}
            onFinish={({ login }) => request.mutate(login)}
          >
            <Form.Item
              name="login"
              label={t("auth.usernameOrEmail")}
              rules={[{ required: true, whitespace: true, message: t("auth.usernameOrEmailRequired") }]}
            >
              <Input prefix={<UserOutlined aria-hidden />} autoComplete="username" autoFocus />
            </Form.Item>
            {request.isError && (
              <Alert
                type="error"
                showIcon
                title={errorText(request.error)}
                style={{ marginBottom: 16 }}
                role="alert"
              />
            )}
            <Button type="primary" htmlType="submit" block loading={request.isPending}>
              {t("auth.sendLink")}
            </Button>
          </Form>
        </>
      )}
      <div style={{ marginTop: 16, textAlign: "center" }}>
        <Link to="/login">{t("auth.backToSignIn")}</Link>
      </div>
    </SignedOutCard>
  );
}
