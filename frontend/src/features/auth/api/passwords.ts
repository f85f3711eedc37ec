import { useMutation, useQuery } from "@tanstack/react-query";

import { api, unwrap } from "@/lib/api";

/** The signed-out forms send the CSRF cookie back: ask for it first. */
async function withCsrfCookie() {
  await api.GET("/api/v1/auth/csrf/");
}

/** "Forgot password": the account the username or email names is emailed a link, if it can be. */
export function useRequestPasswordReset() {
  return useMutation({
    mutationFn: async (login: string) => {
      await withCsrfCookie();
      return unwrap(api.POST("/api/v1/auth/password-reset/", { body: { login } }));
    },
  });
}

export interface LinkAddress {
  uid: string;
  token: string;
}

/** Whose account a set-password link opens (an error once it is used or expired). */
export function usePasswordLink(link: LinkAddress) {
  return useQuery({
    queryKey: ["password-link", link],
    queryFn: () => unwrap(api.GET("/api/v1/auth/password-links/{uid}/{token}/", { params: { path: link } })),
    retry: false,
    staleTime: Infinity,
  });
}

export function useSetPassword(link: LinkAddress) {
  return useMutation({
    mutationFn: async (new_password: string) => {
      await withCsrfCookie();
      return unwrap(
        api.POST("/api/v1/auth/password-links/{uid}/{token}/", {
          params: { path: link },
          body: { new_password },
        }),
      );
    },
  });
}
