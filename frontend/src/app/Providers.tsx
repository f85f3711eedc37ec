import { QueryClientProvider } from "@tanstack/react-query";
import { App as AntApp, ConfigProvider } from "antd";
import enUS from "antd/locale/en_US";
import zhCN from "antd/locale/zh_CN";
import { useEffect, type ReactNode } from "react";
import { useTranslation } from "react-i18next";

import { queryClient } from "@/lib/query-client";

/** Whoever asks their system for less motion gets none: dialogs and drawers appear at once. */
const REDUCED_MOTION =
  typeof window.matchMedia === "function" && window.matchMedia("(prefers-reduced-motion: reduce)").matches;

/** Server state, the component library in the reader's language, and its message context. */
export function Providers({ children }: { children: ReactNode }) {
  const { t, i18n } = useTranslation();
  useEffect(() => {
    document.title = t("app.name");
  }, [t, i18n.language]);
  return (
    <QueryClientProvider client={queryClient}>
      <ConfigProvider
        locale={i18n.language === "en" ? enUS : zhCN}
        theme={{
          token: {
            colorPrimary: "#1f4e8c",
            colorLink: "#1f4e8c",
            colorError: "#cf1322",
            borderRadius: 6,
            // Ant Design's lighter greys miss WCAG AA contrast (4.5:1) on white; these meet it.
            colorTextSecondary: "rgba(0, 0, 0, 0.65)",
            colorTextTertiary: "rgba(0, 0, 0, 0.62)",
            colorTextDescription: "rgba(0, 0, 0, 0.62)",
            colorTextPlaceholder: "rgba(0, 0, 0, 0.55)",
            motion: !REDUCED_MOTION,
          },
        }}
      >
        <AntApp>{children}</AntApp>
      </ConfigProvider>
    </QueryClientProvider>
  );
}
