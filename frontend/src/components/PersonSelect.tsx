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
  return (
    <Select
      {...props}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      loading={people.isFetching}
      placeholder={placeholder ?? t("people.pick")}
      notFoundContent={people.isFetching ? t("common.loading") : t("common.noMatch")}
      options={(people.data?.results ?? []).map((person) => ({
        value: person.id,
        label: `${person.display_name} · ${person.employee_number}`,
      }))}
      style={{ minWidth: 220 }}
    />
  );
}
