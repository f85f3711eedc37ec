import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import { api, unwrap, type Schemas } from "@/lib/api";

export type Need = Schemas["Need"];
export type NeedInput = Schemas["NeedInputRequest"];
export type NeedStatus = Schemas["NeedStatusEnum"];

export interface NeedFilters {
  q?: string;
  status?: NeedStatus;
  department?: number;
  include_subdepartments?: boolean;
  skill?: string;
  page?: number;
  page_size?: number;
}

export function useNeeds(filters: NeedFilters) {
  return useQuery({
    queryKey: ["needs", "list", filters],
    queryFn: () => unwrap(api.GET("/api/v1/needs/", { params: { query: filters } })),
    placeholderData: keepPreviousData,
  });
}

export function useNeed(id: number) {
  return useQuery({
    queryKey: ["needs", "detail", id],
    queryFn: () => unwrap(api.GET("/api/v1/needs/{id}/", { params: { path: { id } } })),
    retry: false,
  });
}

function useNeedMutation<Variables>(call: (variables: Variables) => Promise<Need | undefined>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSuccess: (need) => {
      void queryClient.invalidateQueries({ queryKey: ["needs"] });
      void queryClient.invalidateQueries({ queryKey: ["departments"] });
      if (need) {
        queryClient.setQueryData(["needs", "detail", need.id], need);
      }
    },
  });
}

export function useCreateNeed() {
  return useNeedMutation((body: NeedInput) => unwrap(api.POST("/api/v1/needs/", { body })));
}

export function useUpdateNeed(id: number) {
  return useNeedMutation((body: NeedInput) =>
    unwrap(api.PUT("/api/v1/needs/{id}/", { params: { path: { id } }, body })),
  );
}

export function useChangeNeedStatus(id: number) {
  return useNeedMutation((action: "open" | "close") =>
    action === "open"
      ? unwrap(api.POST("/api/v1/needs/{id}/open/", { params: { path: { id } } }))
      : unwrap(api.POST("/api/v1/needs/{id}/close/", { params: { path: { id } } })),
  );
}

export function useDeleteNeed(id: number) {
  return useNeedMutation(async () => {
    await unwrap(api.DELETE("/api/v1/needs/{id}/", { params: { path: { id } } }));
    return undefined;
  });
}
