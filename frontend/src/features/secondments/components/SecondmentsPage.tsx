import { App, Button, Card, Flex, Form, Input, Modal, Select, Space, Table, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";

import { QueryError } from "@/components/PageStates";
import { ToneTag, type Tone } from "@/components/tags";
import { useErrorText } from "@/lib/errors";
import { useFormat } from "@/lib/format";
import { toNumber, useUrlFilters } from "@/lib/url-state";

import {
  useSecondments,
  useSecondmentStep,
  type Secondment,
  type SecondmentStatus,
  type Step,
} from "../api/secondments";

const STATUSES: SecondmentStatus[] = [
  "planned",
  "confirmed",
  "approved",
  "active",
  "completed",
  "declined",
  "cancelled",
];
const TONES: Record<SecondmentStatus, Tone> = {
  planned: "amber",
  confirmed: "blue",
  approved: "green",
  active: "green",
  completed: "neutral",
  declined: "neutral",
  cancelled: "red",
};

/** The secondments the reader may see (their own; their departments'; all for HR), with the
 * steps each waits for and the buttons of those the reader may take. */
export function SecondmentsPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const { values, page, pageSize, update, pagination } = useUrlFilters(["status", "focus"] as const);
  const secondments = useSecondments({
    status: values.status as SecondmentStatus | undefined,
    page,
    page_size: pageSize,
  });
  const step = useSecondmentStep();
  const [ending, setEnding] = useState<{ secondment: Secondment; action: "decline" | "cancel" } | null>(null);
  const [form] = Form.useForm<{ reason: string }>();
  const focus = toNumber(values.focus);

  if (secondments.isError) {
    return <QueryError error={secondments.error} />;
  }
  const take = (secondment: Secondment, next: Step) =>
    step.mutate(
      { id: secondment.id, step: next },
      {
        onSuccess: () => {
          void message.success(t("secondments.done"));
          setEnding(null);
          form.resetFields();
        },
        onError: (error) => void message.error(errorText(error)),
      },
    );
  const approval = (secondment: Secondment, side: "lending" | "receiving") => {
    const name = secondment[`${side}_approved_by`];
    const label = t(`secondments.${side}`);
    if (name) {
      return <ToneTag tone="green">{t("secondments.approvedBy", { side: label, name })}</ToneTag>;
    }
    // A declined or cancelled secondment awaits no one.
    return secondment.status === "declined" || secondment.status === "cancelled" ? null : (
      <ToneTag>{t("secondments.awaiting", { side: label })}</ToneTag>
    );
  };

  return (
    <Flex vertical gap={16}>
      <Typography.Title level={2} style={{ margin: 0 }}>
        {t("secondments.title")}
      </Typography.Title>
      <Card>
        <Select<SecondmentStatus>
          aria-label={t("secondments.status")}
          placeholder={t("secondments.status")}
          allowClear
          value={values.status as SecondmentStatus | undefined}
          onChange={(status) => update({ status })}
          options={STATUSES.map((status) => ({
            value: status,
            label: t(`enums.secondmentStatus.${status}`),
          }))}
          style={{ width: 180 }}
        />
      </Card>
      <Table<Secondment>
        rowKey="id"
        loading={secondments.isFetching}
        dataSource={secondments.data?.results}
        locale={{ emptyText: t("secondments.empty") }}
        scroll={{ x: 1000 }}
        pagination={pagination(secondments.data?.count)}
        rowClassName={(secondment) => (secondment.id === focus ? "ant-table-row-selected" : "")}
        columns={[
          {
            title: t("secondments.person"),
            render: (_, secondment) => (
              <>
                <Typography.Text strong>{secondment.person.display_name}</Typography.Text>
                <br />
                <Typography.Text type="secondary" style={{ whiteSpace: "nowrap" }}>
                  {secondment.person.employee_number}
                </Typography.Text>
              </>
            ),
          },
          { title: t("secondments.need"), render: (_, secondment) => secondment.need.title },
          {
            title: t("secondments.route"),
            render: (_, secondment) =>
              `${format.name(secondment.lending_department)} → ${format.name(secondment.receiving_department)}`,
          },
          {
            title: t("secondments.period"),
            render: (_, secondment) =>
              `${format.date(secondment.start_date)} – ${format.date(secondment.end_date)}`,
          },
          {
            title: t("secondments.status"),
            render: (_, secondment) => (
              <Flex vertical gap={4} align="flex-start">
                <ToneTag tone={TONES[secondment.status]}>
                  {t(`enums.secondmentStatus.${secondment.status}`)}
                </ToneTag>
                {secondment.end_reason && (
                  <Typography.Text type="secondary">
                    {secondment.ended_by
                      ? t("secondments.ended", {
                          name: secondment.ended_by,
                          reason: secondment.end_reason,
                        })
                      : secondment.end_reason}
                  </Typography.Text>
                )}
              </Flex>
            ),
          },
          {
            title: t("secondments.approvals"),
            render: (_, secondment) => (
              <Flex vertical gap={4} align="flex-start">
                {approval(secondment, "lending")}
                {approval(secondment, "receiving")}
              </Flex>
            ),
          },
          {
            title: <span className="visually-hidden">{t("common.actions")}</span>,
            // Always in sight: on a phone the table scrolls sideways under it.
            fixed: "end",
            width: 150,
            render: (_, secondment) => (
              <Space wrap>
                {secondment.actions.confirm && (
                  <Button type="primary" onClick={() => take(secondment, { action: "confirm" })}>
                    {t("secondments.confirm")}
                  </Button>
                )}
                {secondment.actions.decline && (
                  <Button onClick={() => setEnding({ secondment, action: "decline" })}>
                    {t("secondments.decline")}
                  </Button>
                )}
                {secondment.actions.approve.map((side) => (
                  <Button
                    key={side}
                    type="primary"
                    onClick={() => take(secondment, { action: "approve", side })}
                  >
                    {t("secondments.approveSide", { side: t(`secondments.${side}`) })}
                  </Button>
                ))}
                {secondment.actions.cancel && (
                  <Button danger onClick={() => setEnding({ secondment, action: "cancel" })}>
                    {t("secondments.cancel")}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={ending !== null}
        title={ending?.action === "cancel" ? t("secondments.cancelTitle") : t("secondments.declineTitle")}
        okText={ending?.action === "cancel" ? t("secondments.cancel") : t("secondments.decline")}
        okButtonProps={{ danger: true }}
        cancelText={t("secondments.back")}
        confirmLoading={step.isPending}
        onOk={() => form.submit()}
        onCancel={() => setEnding(null)}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          onFinish={({ reason }) => {
            if (ending) {
              take(ending.secondment, { action: ending.action, reason: reason ?? "" });
            }
          }}
        >
          <Form.Item
            name="reason"
            label={ending?.action === "cancel" ? t("secondments.reason") : t("secondments.reasonOptional")}
            rules={
              ending?.action === "cancel"
                ? [{ required: true, whitespace: true, message: t("secondments.reasonRequired") }]
                : []
            }
          >
            <Input.TextArea rows={3} maxLength={500} showCount />
          </Form.Item>
        </Form>
      </Modal>
    </Flex>
  );
}
