import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import { api, unwrap, type Schemas } from "@/lib/api";

export type DepartmentDetail = Schemas["DepartmentDetail"];
export type Floor = Schemas["CriticalSkillFloor"];

export function useDepartment(id: number) {
  return useQuery({
    queryKey: ["departments", "detail", id],
    queryFn: () => unwrap(api.GET("/api/v1/departments/{id}/", { params: { path: { id } } })),
  });
}

/** After a change: the department as the server now reads it, and the tree's cap column. */
function useRefresh(id: number) {
  const queryClient = useQueryClient();
  return (department: DepartmentDetail) => {
    queryClient.setQueryData(["departments", "detail", id], department);
    void queryClient.invalidateQueries({ queryKey: ["departments", "tree"] });
  };
}

export function useSetReleaseCap(id: number) {
  const refresh = useRefresh(id);
  return useMutation({
    mutationFn: (release_cap_percent: number) =>
      unwrap(
        api.PATCH("/api/v1/departments/{id}/", {
          params: { path: { id } },
          body: { release_cap_percent },
        }),
      ),
    onSuccess: refresh,
  });
}

export function useSetFloor(id: number) {
  const refresh = useRefresh(id);
  return useMutation({
    mutationFn: ({ skill, ...body }: { skill: number; min_level: number; min_people: number }) =>
      unwrap(
        api.PUT("/api/v1/departments/{id}/floors/{skill_id}/", {
          params: { path: { id, skill_id: skill } },
          body,
        }),
      ),
    onSuccess: refresh,
  });
}

export function useRemoveFloor(id: number) {
  const refresh = useRefresh(id);
  return useMutation({
    mutationFn: (skill: number) =>
      unwrap(
        api.DELETE("/api/v1/departments/{id}/floors/{skill_id}/", {
          params: { path: { id, skill_id: skill } },
        }),
      ),
    onSuccess: refresh,
  });
}
