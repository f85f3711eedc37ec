import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import { api, unwrap, type Schemas } from "@/lib/api";

export type NeedFit = Schemas["NeedFit"];
export type Blocker = Schemas["BlockersEnum"];

const FITTING_KEY = ["me", "fitting-needs"] as const;

export function useFittingNeeds(page: number, pageSize: number) {
  return useQuery({
    queryKey: [...FITTING_KEY, page, pageSize],
    queryFn: () =>
      unwrap(api.GET("/api/v1/me/fitting-needs/", { params: { query: { page, page_size: pageSize } } })),
    placeholderData: keepPreviousData,
  });
}

/** Say (``interested``) or take back that I am interested in a need. */
export function useInterest() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ need, interested }: { need: number; interested: boolean }) => {
      const path = { params: { path: { id: need } } };
      if (interested) {
        await unwrap(api.PUT("/api/v1/needs/{id}/interest/", path));
      } else {
        await unwrap(api.DELETE("/api/v1/needs/{id}/interest/", path));
      }
    },
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: FITTING_KEY }),
  });
}
