import { useQuery } from "@tanstack/react-query";

import { api, unwrap } from "@/lib/api";

export function useDepartmentTree() {
  return useQuery({
    queryKey: ["departments", "tree"],
    queryFn: () => unwrap(api.GET("/api/v1/departments/tree/")),
    staleTime: 5 * 60_000,
  });
}
