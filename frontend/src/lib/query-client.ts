import { QueryClient } from "@tanstack/react-query";

import { isApiError } from "@/lib/api";

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // A refused or missing object will not appear by asking again.
      retry: (failures, error) => failures < 2 && !isApiError(error),
      refetchOnWindowFocus: false,
    },
  },
});
