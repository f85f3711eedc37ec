import { App, Button, Empty, Flex, Form, Input, List, Modal, Progress, Rate, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";

import { Loading, QueryError } from "@/components/PageStates";
import { useShowFailure } from "@/lib/forms";
import { useFormat } from "@/lib/format";

import { useGiveFeedback, useSessionFeedback, type MyRegistration } from "../api/weeks";

interface FeedbackValues {
  rating: number;
  comment?: string;
}

/** After a session one attended: rate it and say what one thought (again, to change it). */
export function GiveFeedback({ registration }: { registration: MyRegistration }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showFailure = useShowFailure();
  const give = useGiveFeedback(registration.session.id);
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<FeedbackValues>();
  const given = registration.feedback;
  const submit = async (values: FeedbackValues) => {
    try {
      await give.mutateAsync({ rating: values.rating, comment: values.comment ?? "" });
      setOpen(false);
      void message.success(t("weeks.feedbackThanks"));
    } catch (error) {
      showFailure(form, error);
    }
  };
  return (
    <>
      {given && (
        <Rate
          disabled
          value={given.rating}
          style={{ fontSize: 14 }}
          aria-label={t("weeks.yourRating", { rating: given.rating })}
        />
      )}
      <Button size="small" onClick={() => setOpen(true)}>
        {given ? t("weeks.changeFeedback") : t("weeks.giveFeedback")}
        <span className="visually-hidden">: {registration.session.title}</span>
      </Button>
      <Modal
        open={open}
        title={t("weeks.feedbackTitle", { title: registration.session.title })}
        okText={t("weeks.sendFeedback")}
        cancelText={t("common.cancel")}
        confirmLoading={give.isPending}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        <Form<FeedbackValues>
          form={form}
          layout="vertical"
          initialValues={given ?? undefined}
          onFinish={submit}
          requiredMark={false}
        >
          <Form.Item
            name="rating"
            label={t("weeks.rating")}
            rules={[{ required: true, message: t("weeks.ratingRequired") }]}
          >
            <Rate aria-label={t("weeks.rating")} />
          </Form.Item>
          <Form.Item name="comment" label={t("weeks.comment")}>
            <Input.TextArea rows={4} maxLength={2000} showCount />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

/** What those who attended thought, without names: for the week's organisers and the
session's speakers. */
export function ReadFeedback({ sessionId, title }: { sessionId: number; title: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button onClick={() => setOpen(true)}>
        {t("weeks.feedback")}
        <span className="visually-hidden">: {title}</span>
      </Button>
      <Modal
        open={open}
        title={t("weeks.feedbackTitle", { title })}
        footer={null}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        {open && <FeedbackSummary sessionId={sessionId} />}
      </Modal>
    </>
  );
}

function FeedbackSummary({ sessionId }: { sessionId: number }) {
  const { t } = useTranslation();
  const format = useFormat();
  const summary = useSessionFeedback(sessionId, true);
  if (summary.isError) {
    return <QueryError error={summary.error} />;
  }
  if (summary.isPending) {
    return <Loading />;
  }
  const { count, average, ratings, comments } = summary.data;
  if (count === 0) {
    return <Empty description={t("weeks.noFeedback")} />;
  }
  return (
    <Flex vertical gap={16}>
      <Flex align="center" gap={12} wrap>
        <Typography.Text strong style={{ fontSize: 28 }}>
          {format.fit(average ?? 0)}
        </Typography.Text>
        <Rate disabled allowHalf value={Math.round((average ?? 0) * 2) / 2} />
        <Typography.Text type="secondary">{t("weeks.ratingsCount", { count })}</Typography.Text>
      </Flex>
      <Flex vertical gap={4}>
        {[5, 4, 3, 2, 1].map((rating) => (
          <Flex key={rating} align="center" gap={8}>
            <Typography.Text style={{ width: 56 }}>{t("weeks.stars", { count: rating })}</Typography.Text>
            <Progress
              percent={Math.round(((ratings[String(rating)] ?? 0) / count) * 100)}
              format={() => ratings[String(rating)] ?? 0}
              aria-label={t("weeks.ratedBy", { count: ratings[String(rating)] ?? 0, rating })}
            />
          </Flex>
        ))}
      </Flex>
      <List
        header={<Typography.Text strong>{t("weeks.comments")}</Typography.Text>}
        dataSource={comments}
        locale={{ emptyText: t("weeks.noComments") }}
        renderItem={(item) => (
          <List.Item>
            <Flex vertical gap={4}>
              <Rate disabled value={item.rating} style={{ fontSize: 12 }} />
              <Typography.Paragraph style={{ margin: 0, whiteSpace: "pre-wrap" }}>
                {item.comment}
              </Typography.Paragraph>
            </Flex>
          </List.Item>
        )}
      />
    </Flex>
  );
}
