import { LockOutlined, UserOutlined } from "@ant-design/icons";
import { Alert, Button, Form, Input } from "antd";
import { useTranslation } from "react-i18next";
import { Link, Navigate, useLocation, useNavigate, useSearchParams } from "react-router";

import { useErrorText } from "@/lib/errors";
import { useLogin, useMe } from "@/lib/session";

import { SignedOutCard } from "./SignedOutCard";

interface Credentials {
  username: string;
  password: string;
}

/** What the set-password page hands over: the account whose password was just chosen. */
export interface PasswordChosen {
  passwordSetFor: string;
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
  const chosen = (useLocation().state as PasswordChosen | null)?.passwordSetFor;

  if (me.data) {
    return <Navigate to={next} replace />;
  }
  return (
    <SignedOutCard>
      {chosen && <Alert type="success" showIcon title={t("auth.passwordSet")} style={{ marginBottom: 16 }} />}
      <Form<Credentials>
        layout="vertical"
        requiredMark={false}
        initialValues={{ username: chosen ?? "" }}
        onFinish={(credentials) =>
          login.mutate(credentials, { onSuccess: () => navigate(next, { replace: true }) })
        }
      >
        <Form.Item
          name="username"
          label={t("auth.username")}
          rules={[{ required: true, message: t("auth.usernameRequired") }]}
        >
          <Input prefix={<UserOutlined aria-hidden />} autoComplete="username" autoFocus={!chosen} />
        </Form.Item>
        <Form.Item
          name="password"
          label={t("auth.password")}
          rules={[{ required: true, message: t("auth.passwordRequired") }]}
        >
          <Input.Password
            prefix={<LockOutlined aria-hidden />}
            autoComplete="current-password"
            autoFocus={!!chosen}
          />
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
      <div style={{ marginTop: 16, textAlign: "center" }}>
        <Link to="/forgot-password">{t("auth.forgotPassword")}</Link>
      </div>
    </SignedOutCard>
  );
}
