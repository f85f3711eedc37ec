import { useQuery } from "@tanstack/react-query";
import { Select } from "antd";
import { useDeferredValue, useState } from "react";
import { useTranslation } from "react-i18next";

import { api, unwrap } from "@/lib/api";

interface PersonSelectProps {
  id?: string;
  value?: number;
  onChange?: (value: number | undefined) => void;
  allowClear?: boolean;
  placeholder?: string;
  "aria-label"?: string;
}

/** Find a person by name, username or employee number. */
export function PersonSelect({ placeholder, ...props }: PersonSelectProps) {
  const { t } = useTranslation();
  const [search, setSearch] = useState("");
  const deferredSearch = useDeferredValue(search);
  const people = useQuery({
    queryKey: ["people", "search", deferredSearch],
    queryFn: () =>
      unwrap(api.GET("/api/v1/people/", { params: { query: { q: deferredSearch, page_size: 20 } } })),
    staleTime: 60_000,
  });
  const found = people.data?.results ?? [];
  const chosenId = props.value;
  // A chosen person outside the search results is read by id, so that their name shows.
  const chosen = useQuery({
    queryKey: ["people", "detail", chosenId],
    queryFn: () => unwrap(api.GET("/api/v1/people/{id}/", { params: { path: { id: chosenId ?? 0 } } })),
    enabled: chosenId !== undefined && !found.some((person) => person.id === chosenId),
    staleTime: 5 * 60_000,
  });
  const options = [
    ...(chosen.data && !found.some((person) => person.id === chosen.data.id) ? [chosen.data] : []),
    ...found,
  ];
  return (
    <Select
      {...props}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      loading={people.isFetching}
      placeholder={placeholder ?? t("people.pick")}
      notFoundContent={people.isFetching ? t("common.loading") : t("common.noMatch")}
      options={options.map((person) => ({
        value: person.id,
        label: `${person.display_name} · ${person.employee_number}`,
      }))}
      style={{ minWidth: 220 }}
    />
  );
}
