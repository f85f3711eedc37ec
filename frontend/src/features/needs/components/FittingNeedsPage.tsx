import { CheckOutlined, StarOutlined } from "@ant-design/icons";
import { Alert, App, Button, Card, Empty, Flex, List, Space, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";

import { FitBar, RequirementTags } from "@/components/fit";
import { QueryError } from "@/components/PageStates";
import { ToneTag } from "@/components/tags";
import { useAvailability } from "@/lib/availability";
import { useErrorText } from "@/lib/errors";
import { useFormat } from "@/lib/format";
import { useUrlFilters } from "@/lib/url-state";

import { useFittingNeeds, useInterest, type NeedFit } from "../api/fitting";

/** The open needs of other departments I hold a skill for: how well I fit each as the matcher
 * scores it, what I meet and lack, and a way to say I am interested. */
export function FittingNeedsPage() {
  const { t } = useTranslation();
  const { page, pageSize, update } = useUrlFilters([]);
  const needs = useFittingNeeds(page, pageSize);
  const availability = useAvailability();

  if (needs.isError) {
    return <QueryError error={needs.error} />;
  }
  return (
    <Flex vertical gap={16}>
      <Typography.Title level={2} style={{ margin: 0 }}>
        {t("fitting.title")}
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t("fitting.intro")}
      </Typography.Paragraph>
      {availability.data === null && (
        <Alert
          type="info"
          showIcon
          title={t("fitting.notOptedIn")}
          action={
            <Link to="/profile">
              <Button size="small">{t("fitting.optIn")}</Button>
            </Link>
          }
        />
      )}
      <List<NeedFit>
        loading={needs.isPending}
        dataSource={needs.data?.results ?? []}
        rowKey={(item) => item.need.id}
        locale={{ emptyText: <Empty description={t("fitting.empty")} /> }}
        pagination={
          (needs.data?.count ?? 0) > pageSize && {
            current: page,
            pageSize,
            total: needs.data?.count,
            align: "center",
            onChange: (nextPage, nextSize) => update({ page: nextPage, page_size: nextSize }),
          }
        }
        renderItem={(item) => (
          <List.Item>
            <FittingNeed item={item} />
          </List.Item>
        )}
      />
    </Flex>
  );
}

function FittingNeed({ item }: { item: NeedFit }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const interest = useInterest();
  const { need } = item;
  const toggle = () =>
    interest.mutate(
      { need: need.id, interested: !item.interested },
      {
        onSuccess: () =>
          void message.success(item.interested ? t("fitting.interestWithdrawn") : t("fitting.interestSaid")),
        onError: (error) => void message.error(errorText(error)),
      },
    );
  return (
    <Card style={{ width: "100%" }} size="small">
      <Flex vertical gap={8}>
        <Flex justify="space-between" align="flex-start" gap={8} wrap>
          <Flex vertical>
            <Link to={`/needs/${need.id}`}>
              <Typography.Text strong>{need.title}</Typography.Text>
            </Link>
            <Typography.Text type="secondary">
              {format.name(need.department)} · {format.date(need.start_date)} – {format.date(need.end_date)} ·{" "}
              {t("fitting.seats", { count: need.headcount })}
            </Typography.Text>
          </Flex>
          <Button
            type={item.interested ? "default" : "primary"}
            icon={item.interested ? <CheckOutlined aria-hidden /> : <StarOutlined aria-hidden />}
            aria-pressed={item.interested}
            loading={interest.isPending}
            onClick={toggle}
          >
            {item.interested ? t("fitting.interested") : t("fitting.sayInterested")}
            <span className="visually-hidden">: {need.title}</span>
          </Button>
        </Flex>
        {item.fit ? (
          <FitBar fit={item.fit} />
        ) : (
          <Space size={[4, 4]} wrap>
            <Typography.Text>{t("fitting.notYet")}</Typography.Text>
            {item.blockers.map((blocker) => (
              <ToneTag key={blocker} tone="amber">
                {t(`fitting.blockers.${blocker}`)}
              </ToneTag>
            ))}
          </Space>
        )}
        <RequirementTags requirements={item.requirements} />
        {need.tier && (
          <Typography.Text type="secondary">
            {t("fitting.tier", { tier: t(`enums.tier.${need.tier}`) })}
          </Typography.Text>
        )}
      </Flex>
    </Card>
  );
}
