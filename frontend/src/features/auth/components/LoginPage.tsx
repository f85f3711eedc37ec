import { LockOutlined, UserOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Flex, Form, Input, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Navigate, useNavigate, useSearchParams } from "react-router";

import { LanguageSwitch } from "@/components/LanguageSwitch";
import { useErrorText } from "@/lib/errors";
import { useLogin, useMe } from "@/lib/session";

interface Credentials {
  username: string;
  password: string;
}

/** Where to go after signing in: a path of this site only, never another site. */
function safeNext(next: string | null): string {
  return next && next.startsWith("/") && !next.startsWith("//") ? next : "/";
}

export function LoginPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const me = useMe();
  const login = useLogin();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get("next"));

  if (me.data) {
    return <Navigate to={next} replace />;
  }
  return (
    <Flex vertical align="center" justify="center" gap={24} style={{ minHeight: "100vh", padding: 16 }}>
      <main style={{ width: "100%", maxWidth: 400 }}>
        <Card>
          <Flex vertical gap={8} align="center" style={{ marginBottom: 24 }}>
            <img src="/static/favicon.svg" alt="" width={48} height={48} />
            <Typography.Title level={1} style={{ fontSize: 24, margin: 0 }}>
              {t("app.name")}
            </Typography.Title>
            <Typography.Text type="secondary">{t("app.tagline")}</Typography.Text>
          </Flex>
          <Form<Credentials>
            layout="vertical"
            requiredMark={false}
            onFinish={(credentials) =>
              login.mutate(credentials, { onSuccess: () => navigate(next, { replace: true }) })
            }
          >
            <Form.Item
              name="username"
              label={t("auth.username")}
              rules={[{ required: true, message: t("auth.usernameRequired") }]}
            >
              <Input prefix={<UserOutlined aria-hidden />} autoComplete="username" autoFocus />
            </Form.Item>
            <Form.Item
              name="password"
              label={t("auth.password")}
              rules={[{ required: true, message: t("auth.passwordRequired") }]}
            >
              <Input.Password prefix={<LockOutlined aria-hidden />} autoComplete="current-password" />
            </Form.Item>
            {login.isError && (
              <Alert
                type="error"
                showIcon
                title={errorText(login.error)}
                style={{ marginBottom: 16 }}
                role="alert"
              />
            )}
            <Button type="primary" htmlType="submit" block loading={login.isPending}>
              {t("auth.signIn")}
            </Button>
          </Form>
        </Card>
      </main>
      <LanguageSwitch />
    </Flex>
  );
}
