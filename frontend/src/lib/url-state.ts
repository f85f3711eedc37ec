import type { TablePaginationConfig } from "antd";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";

/** Filters and page kept in the address, so a filtered list can be linked and reloaded. */
export function useUrlFilters<Keys extends string>(keys: readonly Keys[]) {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const values = Object.fromEntries(keys.map((key) => [key, params.get(key) ?? undefined])) as Record<
    Keys,
    string | undefined
  >;
  const page = Number(params.get("page") ?? "1") || 1;
  const pageSize = Number(params.get("page_size") ?? "20") || 20;

  const update = (changes: { [key in Keys | "page" | "page_size"]?: string | number }) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value === undefined || value === "") {
        next.delete(key);
      } else {
        next.set(key, String(value));
      }
    }
    if (!("page" in changes)) {
      next.delete("page"); // a new filter starts from the first page
    }
    setParams(next, { replace: true });
  };
  /** The table's pagination of a list of ``total`` items, kept in the address too. */
  const pagination = (total: number | undefined): TablePaginationConfig => ({
    current: page,
    pageSize,
    total: total ?? 0,
    showSizeChanger: true,
    showTotal: (count) => t("common.total", { count }),
    onChange: (nextPage, nextSize) => update({ page: nextPage, page_size: nextSize }),
  });
  return { values, page, pageSize, update, pagination };
}

export function toNumber(value: string | undefined): number | undefined {
  return value === undefined || value === "" || Number.isNaN(Number(value)) ? undefined : Number(value);
}
