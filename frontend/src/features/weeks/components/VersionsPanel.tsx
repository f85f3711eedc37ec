import { Card, Empty, Flex, List, Typography } from "antd";
import { useTranslation } from "react-i18next";

import { Loading, QueryError } from "@/components/PageStates";
import type { Schemas } from "@/lib/api";
import { useFormat } from "@/lib/format";

import { useScheduleVersions, type Week } from "../api/weeks";

type Place = Schemas["Place"];

/** The published versions of the week's schedule, newest first, each with what moved: for
everyone who sees the week, as pretalx shows its changelog. */
export function VersionsPanel({ week }: { week: Week }) {
  const { t } = useTranslation();
  const format = useFormat();
  const versions = useScheduleVersions(week.id);

  if (versions.isError) {
    return <QueryError error={versions.error} />;
  }
  if (versions.isPending) {
    return <Loading />;
  }
  if (versions.data.length === 0) {
    return <Empty description={t("weeks.noVersions")} />;
  }
  const where = (place: Place) =>
    place.starts_at && place.ends_at
      ? `${format.day(place.starts_at)} ${format.time(place.starts_at)}–${format.time(place.ends_at)}${place.room ? ` · ${place.room}` : ""}`
      : t("weeks.notScheduledPlace");
  return (
    <Flex vertical gap={12}>
      {versions.data.map((version) => (
        <Card
          key={version.number}
          size="small"
          title={version.name || t("weeks.versionNumber", { number: version.number })}
          extra={
            <Typography.Text type="secondary">
              {[format.dateTime(version.created_at), version.created_by?.display_name]
                .filter(Boolean)
                .join(" · ")}
            </Typography.Text>
          }
        >
          <List
            size="small"
            dataSource={version.changes}
            renderItem={(change) => (
              <List.Item>
                <Typography.Text>
                  <Typography.Text strong>{change.title}</Typography.Text>
                  {": "}
                  {t("weeks.changedFromTo", { before: where(change.before), after: where(change.after) })}
                </Typography.Text>
              </List.Item>
            )}
          />
        </Card>
      ))}
    </Flex>
  );
}
