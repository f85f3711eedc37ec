import { App, Form, Input, Modal } from "antd";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";

import { useErrorText } from "@/lib/errors";

import { useReveal, type Candidate, type Suggestion } from "../api/review";
import { DECISION_VERBS, type Deciding } from "./shared";

/** Confirm a decision of one or several suggestions, with an optional comment. */
export function DecideModal({
  deciding,
  pending,
  onOk,
  onCancel,
}: {
  deciding: Deciding | null;
  pending: boolean;
  onOk: (comment: string) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ comment: string }>();
  useEffect(() => {
    if (deciding) {
      form.resetFields();
    }
  }, [deciding, form]);
  const verb = deciding ? t(`review.${DECISION_VERBS[deciding.decision]}`) : "";
  return (
    <Modal
      open={deciding !== null}
      title={t("review.decideTitle", { decision: verb, count: deciding?.ids.length ?? 0 })}
      okText={verb}
      cancelText={t("common.cancel")}
      confirmLoading={pending}
      onOk={() => onOk((form.getFieldValue("comment") as string | undefined) ?? "")}
      onCancel={onCancel}
      destroyOnHidden
    >
      <Form form={form} layout="vertical">
        <Form.Item name="comment" label={t("review.comment")}>
          <Input.TextArea rows={3} maxLength={2000} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Ask why, then show who a blind run's suggestion proposes (the server audits the reason). */
export function RevealModal({
  suggestion,
  onRevealed,
  onCancel,
}: {
  suggestion: Suggestion | null;
  onRevealed: (candidate: Candidate) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const reveal = useReveal();
  const [form] = Form.useForm<{ reason: string }>();
  const submit = ({ reason }: { reason: string }) => {
    if (!suggestion) {
      return;
    }
    reveal.mutate(
      { id: suggestion.id, reason },
      {
        onSuccess: (candidate) => {
          form.resetFields();
          onRevealed(candidate);
        },
        onError: (error) => void message.error(errorText(error)),
      },
    );
  };
  return (
    <Modal
      open={suggestion !== null}
      title={t("review.reveal")}
      okText={t("review.reveal")}
      cancelText={t("common.cancel")}
      confirmLoading={reveal.isPending}
      onOk={() => form.submit()}
      onCancel={onCancel}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item
          name="reason"
          label={t("review.revealReason")}
          rules={[{ required: true, whitespace: true, message: t("review.revealRequired") }]}
        >
          <Input maxLength={200} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
