import { useEffect } from "react";
import { Navigate, Outlet, useLocation } from "react-router";

import { Loading, QueryError } from "@/components/PageStates";
import { realtime } from "@/lib/realtime";
import { useMe } from "@/lib/session";

/** Pages behind sign-in: a visitor without a session goes to the sign-in page and comes back. */
export function SignedIn() {
  const me = useMe();
  const location = useLocation();
  const signedIn = !!me.data;
  useEffect(() => {
    if (!signedIn) {
      return;
    }
    realtime.start();
    return () => realtime.stop();
  }, [signedIn]);
  if (me.isPending) {
    return <Loading />;
  }
  if (me.isError) {
    return <QueryError error={me.error} />;
  }
  if (me.data === null) {
    const next = encodeURIComponent(location.pathname + location.search);
    return <Navigate to={`/login?next=${next}`} replace />;
  }
  return <Outlet />;
}
