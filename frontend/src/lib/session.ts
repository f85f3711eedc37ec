import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import { api, unwrap, type Schemas } from "@/lib/api";
import { adoptLanguage, currentLanguage } from "@/lib/i18n";

export type Me = Schemas["Me"];
export type Role = Schemas["RoleEnum"];

export const ME_KEY = ["me"] as const;

async function fetchMe(): Promise<Me | null> {
  const { data, response } = await api.GET("/api/v1/me/");
  if (response.status === 401 || response.status === 403) {
    return null;
  }
  return unwrap(Promise.resolve({ data, response }));
}

/** The signed-in person, or null when nobody is; undefined while it is being asked. */
export function useMe() {
  return useQuery({ queryKey: ME_KEY, queryFn: fetchMe, staleTime: 5 * 60_000, retry: false });
}

export function hasRole(me: Me | null | undefined, ...roles: Role[]): boolean {
  return !!me && roles.some((role) => me.roles.includes(role));
}

/** Holds a role: city staff of any kind (an account without one reads almost nothing). */
export function isMember(me: Me | null | undefined): boolean {
  return !!me && me.roles.length > 0;
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (credentials: { username: string; password: string }) => {
      await api.GET("/api/v1/auth/csrf/"); // sets the cookie the login must send back
      // The language the sign-in page is in is the person's from now on (the profile keeps it).
      return unwrap(
        api.POST("/api/v1/auth/login/", { body: { ...credentials, language: currentLanguage() } }),
      );
    },
    onSuccess: async (me) => {
      queryClient.clear();
      queryClient.setQueryData(ME_KEY, me);
      await adoptLanguage(me.language);
    },
  });
}

export const LOGOUT_KEY = ["logout"] as const;

/** Sign out: nobody is signed in, and the signed-in pages give way to the sign-in page. */
export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: LOGOUT_KEY,
    mutationFn: () => unwrap(api.POST("/api/v1/auth/logout/")),
    onSettled: () => {
      // Every query goes; the sign-out itself stays until the next sign-in clears it, so that
      // the signed-in pages know that the person signed out here (and send them to a plain
      // sign-in page, with no way back).
      queryClient.removeQueries();
      queryClient.setQueryData(ME_KEY, null);
    },
  });
}
