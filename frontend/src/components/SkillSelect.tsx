import { useQueries, useQuery } from "@tanstack/react-query";
import { Select } from "antd";
import { useDeferredValue, useState, type CSSProperties } from "react";
import { useTranslation } from "react-i18next";

import { api, unwrap, type Schemas } from "@/lib/api";
import { useFormat } from "@/lib/format";

type SkillBrief = Schemas["SkillBrief"];

interface SkillSelectProps<Value extends number | number[]> {
  id?: string;
  value?: Value;
  onChange?: (value: Value) => void;
  multiple?: boolean;
  "aria-label"?: string;
  style?: CSSProperties;
}

/** Find skills by typing any of their names: Chinese, English or a synonym. */
export function SkillSelect<Value extends number | number[] = number>({
  id,
  value,
  onChange,
  multiple,
  style,
  ...aria
}: SkillSelectProps<Value>) {
  const { t } = useTranslation();
  const format = useFormat();
  const [search, setSearch] = useState("");
  const deferredSearch = useDeferredValue(search);
  const skills = useQuery({
    queryKey: ["skills", "search", deferredSearch],
    queryFn: () =>
      unwrap(api.GET("/api/v1/skills/", { params: { query: { q: deferredSearch, page_size: 20 } } })),
    staleTime: 60_000,
  });
  const found: SkillBrief[] = skills.data?.results ?? [];
  const chosenIds = value === undefined ? [] : Array.isArray(value) ? value : [value];
  // Chosen skills outside the search results are read by id, so that their names show.
  const chosen = useQueries({
    queries: chosenIds
      .filter((skillId) => !found.some((skill) => skill.id === skillId))
      .map((skillId) => ({
        queryKey: ["skills", "detail", skillId],
        queryFn: () => unwrap(api.GET("/api/v1/skills/{id}/", { params: { path: { id: skillId } } })),
        staleTime: 5 * 60_000,
      })),
  });
  const options = [...chosen.flatMap((query) => (query.data ? [query.data] : [])), ...found];
  return (
    <Select<Value>
      id={id}
      aria-label={aria["aria-label"]}
      mode={multiple ? "multiple" : undefined}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      value={value}
      onChange={onChange}
      loading={skills.isFetching}
      placeholder={t("skills.searchPlaceholder")}
      notFoundContent={skills.isFetching ? t("common.loading") : t("skills.noneFound")}
      style={{ minWidth: 260, ...style }}
      options={options.map((skill) => ({
        value: skill.id,
        label: `${format.name(skill)} (${format.otherName(skill)})`,
      }))}
    />
  );
}
