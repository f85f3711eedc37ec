import { App, Button, Card, Descriptions, Flex, Popconfirm, Space, Table, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router";

import { Loading, NotAvailable, QueryError } from "@/components/PageStates";
import { NeedStatusTag, ToneTag } from "@/components/tags";
import { useErrorText } from "@/lib/errors";
import { useFormat } from "@/lib/format";

import { useChangeNeedStatus, useDeleteNeed, useNeed, type Need } from "../api/needs";

type Requirement = Need["requirements"][number];

export function NeedDetailPage() {
  const id = Number(useParams().id);
  return Number.isInteger(id) && id > 0 ? <NeedDetail id={id} /> : <NotAvailable reason="not_found" />;
}

function NeedDetail({ id }: { id: number }) {
  const { t } = useTranslation();
  const format = useFormat();
  const errorText = useErrorText();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const need = useNeed(id);
  const changeStatus = useChangeNeedStatus(id);
  const remove = useDeleteNeed(id);

  if (need.isPending) {
    return <Loading />;
  }
  if (need.isError) {
    return <QueryError error={need.error} />;
  }
  const { data } = need;
  const onError = (error: unknown) => void message.error(errorText(error));
  const editable = data.can_edit && (data.status === "draft" || data.status === "open");

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Space align="center">
          <Typography.Title level={2} style={{ margin: 0 }}>
            {data.title}
          </Typography.Title>
          <NeedStatusTag status={data.status} />
        </Space>
        {data.can_edit && (
          <Space wrap>
            {editable && (
              <Link to={`/needs/${id}/edit`}>
                <Button>{t("needs.actions.edit")}</Button>
              </Link>
            )}
            {data.status === "draft" && (
              <Button
                type="primary"
                loading={changeStatus.isPending}
                onClick={() =>
                  changeStatus.mutate("open", {
                    onSuccess: () => void message.success(t("needs.opened")),
                    onError,
                  })
                }
              >
                {t("needs.actions.open")}
              </Button>
            )}
            {editable && (
              <Popconfirm
                title={t("needs.confirmClose")}
                okText={t("needs.actions.close")}
                cancelText={t("common.cancel")}
                onConfirm={() =>
                  changeStatus.mutate("close", {
                    onSuccess: () => void message.success(t("needs.closed")),
                    onError,
                  })
                }
              >
                <Button danger>{t("needs.actions.close")}</Button>
              </Popconfirm>
            )}
            {data.status === "draft" && (
              <Popconfirm
                title={t("needs.confirmDelete")}
                okText={t("needs.actions.delete")}
                cancelText={t("common.cancel")}
                okButtonProps={{ danger: true }}
                onConfirm={() =>
                  remove.mutate(undefined, {
                    onSuccess: () => {
                      void message.success(t("needs.deleted"));
                      void navigate("/needs");
                    },
                    onError,
                  })
                }
              >
                <Button danger type="text">
                  {t("needs.actions.delete")}
                </Button>
              </Popconfirm>
            )}
          </Space>
        )}
      </Flex>
      <Card>
        <Descriptions column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label={t("needs.department")}>{format.name(data.department)}</Descriptions.Item>
          <Descriptions.Item label={t("needs.fields.headcount")}>{data.headcount}</Descriptions.Item>
          <Descriptions.Item label={t("needs.fields.period")}>
            {format.date(data.start_date)} – {format.date(data.end_date)}
          </Descriptions.Item>
          <Descriptions.Item label={t("needs.fields.tier")}>
            {data.tier ? t(`enums.tier.${data.tier}`) : t("needs.anyTier")}
          </Descriptions.Item>
          <Descriptions.Item label={t("needs.fields.clearance")}>
            {format.clearance(data.clearance)}
          </Descriptions.Item>
          <Descriptions.Item label={t("needs.createdBy")}>{data.created_by ?? "—"}</Descriptions.Item>
          <Descriptions.Item label={t("needs.updatedAt")}>
            {format.dateTime(data.updated_at)}
          </Descriptions.Item>
        </Descriptions>
        {data.description && (
          <Typography.Paragraph style={{ whiteSpace: "pre-wrap", marginTop: 16 }}>
            {data.description}
          </Typography.Paragraph>
        )}
      </Card>
      <Card title={t("needs.requirements")}>
        <Table<Requirement>
          rowKey={(requirement) => requirement.skill.id}
          dataSource={data.requirements}
          pagination={false}
          columns={[
            {
              title: t("needs.fields.skill"),
              render: (_, requirement) => format.name(requirement.skill),
            },
            { title: t("needs.fields.minLevel"), dataIndex: "min_level", align: "right" },
            { title: t("needs.fields.weight"), dataIndex: "weight", align: "right" },
            {
              title: t("needs.fields.must"),
              dataIndex: "must",
              render: (must: boolean) =>
                must ? (
                  <ToneTag tone="blue">{t("needs.mustHave")}</ToneTag>
                ) : (
                  <ToneTag>{t("needs.niceToHave")}</ToneTag>
                ),
            },
          ]}
        />
      </Card>
    </Flex>
  );
}
