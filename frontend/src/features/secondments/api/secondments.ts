import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import { api, unwrap, type Schemas } from "@/lib/api";

export type Secondment = Schemas["Secondment"];
export type SecondmentStatus = Schemas["SecondmentStatusEnum"];
export type Side = Schemas["SideEnum"];

export interface SecondmentFilters {
  status?: SecondmentStatus;
  page?: number;
  page_size?: number;
}

export function useSecondments(filters: SecondmentFilters) {
  return useQuery({
    queryKey: ["secondments", "list", filters],
    queryFn: () => unwrap(api.GET("/api/v1/secondments/", { params: { query: filters } })),
    placeholderData: keepPreviousData,
  });
}

export type Step =
  | { action: "confirm" }
  | { action: "decline"; reason: string }
  | { action: "approve"; side: "lending" | "receiving" }
  | { action: "cancel"; reason: string };

/** Take a secondment one step further (or end it); the lists and the needs are read again. */
export function useSecondmentStep() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, step }: { id: number; step: Step }) => {
      const path = { params: { path: { id } } };
      switch (step.action) {
        case "confirm":
          return unwrap(api.POST("/api/v1/secondments/{id}/confirm/", path));
        case "decline":
          return unwrap(
            api.POST("/api/v1/secondments/{id}/decline/", { ...path, body: { reason: step.reason } }),
          );
        case "approve":
          return unwrap(
            api.POST("/api/v1/secondments/{id}/approve/", { ...path, body: { side: step.side } }),
          );
        case "cancel":
          return unwrap(
            api.POST("/api/v1/secondments/{id}/cancel/", { ...path, body: { reason: step.reason } }),
          );
      }
    },
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ["secondments"] });
      void queryClient.invalidateQueries({ queryKey: ["needs"] });
    },
  });
}
