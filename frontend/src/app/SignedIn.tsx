import { useMutationState, useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { Navigate, Outlet, useLocation } from "react-router";

import { Loading, QueryError } from "@/components/PageStates";
import { realtime } from "@/lib/realtime";
import { LOGOUT_KEY, ME_KEY, useMe } from "@/lib/session";
import { signedOut } from "@/lib/signed-out";

/** Pages behind sign-in: a visitor without a session goes to the sign-in page and comes back;
 * so does a person whose session ends while the page is open (signed out in another tab). */
export function SignedIn() {
  const me = useMe();
  const location = useLocation();
  const queryClient = useQueryClient();
  // Signed out from this page (the sign-out asked or answered): the socket may hear of it before
  // the answer comes, and this frame may see nobody signed in before the page changes.
  const signedOutHere = useMutationState({ filters: { mutationKey: LOGOUT_KEY } }).length > 0;
  const signedIn = !!me.data;
  useEffect(() => {
    if (!signedIn) {
      return;
    }
    realtime.start();
    const stopListening = signedOut.listen(() => {
      // Nobody is signed in: this page goes to sign-in, and nothing of the old session stays.
      queryClient.setQueryData(ME_KEY, null);
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== ME_KEY[0] });
    });
    return () => {
      stopListening();
      realtime.stop();
    };
  }, [signedIn, queryClient]);
  if (me.isPending) {
    return <Loading />;
  }
  if (me.isError) {
    return <QueryError error={me.error} />;
  }
  if (me.data === null) {
    const next = encodeURIComponent(location.pathname + location.search);
    return <Navigate to={signedOutHere ? "/login" : `/login?next=${next}`} replace />;
  }
  return <Outlet />;
}
