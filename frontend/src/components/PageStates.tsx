import { Alert, Button, Flex, Result, Spin } from "antd";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";

import { isApiError } from "@/lib/api";

export function Loading() {
  const { t } = useTranslation();
  return (
    <Flex justify="center" align="center" style={{ minHeight: 240 }}>
      <Spin size="large" description={t("common.loading")} />
    </Flex>
  );
}

/** What a person sees at a page or an object they may not open, or that does not exist. */
export function NotAvailable({ reason = "forbidden" }: { reason?: "forbidden" | "not_found" }) {
  const { t } = useTranslation();
  return (
    <Result
      status={reason === "forbidden" ? "403" : "404"}
      title={t("notAvailable.title")}
      subTitle={reason === "forbidden" ? t("notAvailable.forbidden") : t("notAvailable.notFound")}
      extra={
        <Link to="/">
          <Button type="primary">{t("notAvailable.home")}</Button>
        </Link>
      }
    />
  );
}

/** The page for a query that failed: not available for 403/404, an error alert otherwise. */
export function QueryError({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (isApiError(error, 403)) {
    return <NotAvailable reason="forbidden" />;
  }
  if (isApiError(error, 404)) {
    return <NotAvailable reason="not_found" />;
  }
  return (
    <Alert
      type="error"
      showIcon
      title={t("common.loadFailed")}
      description={error instanceof Error ? error.message : String(error)}
    />
  );
}
