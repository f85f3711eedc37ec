import { useTranslation } from "react-i18next";

import { ToneTag } from "@/components/tags";

import type { Group } from "../api/groups";

/** Where the reader stands in a group: member, owner, waiting (and where), asked, invited. */
export function MyStanding({ group }: { group: Group }) {
  const { t } = useTranslation();
  const mine = group.my_membership;
  if (group.archived) {
    return <ToneTag tone="red">{t("groups.archived")}</ToneTag>;
  }
  if (!mine) {
    return null;
  }
  if (mine.status === "active") {
    return <ToneTag tone="green">{t(`enums.memberRole.${mine.role}`)}</ToneTag>;
  }
  if (mine.status === "waitlisted") {
    return <ToneTag>{t("groups.waitlisted", { position: mine.waitlist_position ?? 0 })}</ToneTag>;
  }
  return <ToneTag tone="blue">{t(`enums.membershipStatus.${mine.status}`)}</ToneTag>;
}
