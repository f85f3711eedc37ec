import type { ReactNode } from "react";

import { NotAvailable } from "@/components/PageStates";
import { hasRole, isMember, useMe, type Role } from "@/lib/session";

/** Shows its page only to those who may see it; others get a clear "not available" page. */
export function RequireRole({ roles, children }: { roles?: Role[]; children: ReactNode }) {
  const me = useMe().data;
  const allowed = roles ? hasRole(me, ...roles) : isMember(me);
  return allowed ? children : <NotAvailable reason="forbidden" />;
}
