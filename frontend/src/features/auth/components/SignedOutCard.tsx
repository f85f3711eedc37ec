import { Card, Flex, Typography } from "antd";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

import { LanguageSwitch } from "@/components/LanguageSwitch";

/** The frame of the pages one reads signed out: the app's name, a card, the language switch. */
export function SignedOutCard({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
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
          {children}
        </Card>
      </main>
      <LanguageSwitch />
    </Flex>
  );
}
