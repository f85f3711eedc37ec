import { useQuery } from "@tanstack/react-query";

import { api, unwrap, type Schemas } from "@/lib/api";

export type Availability = Schemas["Availability"];

export const AVAILABILITY_KEY = ["me", "availability"] as const;

/** My opt-in to be seconded, or null while I have not opted in. */
export function useAvailability() {
  return useQuery({
    queryKey: AVAILABILITY_KEY,
    // Nothing (204) while there is none.
    queryFn: async (): Promise<Availability | null> =>
      (await unwrap(api.GET("/api/v1/me/availability/"))) ?? null,
  });
}
