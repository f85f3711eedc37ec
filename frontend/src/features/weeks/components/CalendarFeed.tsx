import { CalendarOutlined } from "@ant-design/icons";
import { Alert, App, Button, Flex, Modal, Popconfirm, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";

import { Loading, QueryError } from "@/components/PageStates";
import { useErrorText } from "@/lib/errors";
import { useFormat } from "@/lib/format";

import { useMakeCalendar, useMyCalendar, useRevokeCalendar } from "../api/weeks";

/** One's sessions in one's own calendar application: a secret address, shown once when it is
made; making a new one or stopping it ends the old. */
export function CalendarFeedButton() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button size="small" icon={<CalendarOutlined aria-hidden />} onClick={() => setOpen(true)}>
        {t("weeks.calendar")}
      </Button>
      <Modal
        open={open}
        title={t("weeks.calendarTitle")}
        footer={null}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        {open && <CalendarFeed />}
      </Modal>
    </>
  );
}

function CalendarFeed() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const format = useFormat();
  const errorText = useErrorText();
  const state = useMyCalendar(true);
  const make = useMakeCalendar();
  const revoke = useRevokeCalendar();
  const [address, setAddress] = useState<string | null>(null);

  if (state.isError) {
    return <QueryError error={state.error} />;
  }
  if (state.isPending) {
    return <Loading />;
  }
  const makeAddress = () =>
    make.mutate(undefined, {
      onSuccess: (made) => setAddress(made.url),
      onError: (error) => void message.error(errorText(error)),
    });
  return (
    <Flex vertical gap={12}>
      <Typography.Paragraph style={{ margin: 0 }}>{t("weeks.calendarHelp")}</Typography.Paragraph>
      {address ? (
        <>
          <Alert type="success" showIcon title={t("weeks.calendarCopyNow")} />
          <Typography.Paragraph
            copyable={{ text: address }}
            code
            style={{ wordBreak: "break-all", margin: 0 }}
          >
            {address}
          </Typography.Paragraph>
        </>
      ) : state.data.active && state.data.created_at ? (
        <Typography.Text>
          {t("weeks.calendarActive", { time: format.dateTime(state.data.created_at) })}
        </Typography.Text>
      ) : (
        <Typography.Text type="secondary">{t("weeks.calendarNone")}</Typography.Text>
      )}
      <Flex gap={8} wrap>
        {state.data.active ? (
          <Popconfirm
            title={t("weeks.calendarRenewConfirm")}
            okText={t("weeks.calendarRenew")}
            cancelText={t("common.cancel")}
            onConfirm={makeAddress}
          >
            <Button loading={make.isPending}>{t("weeks.calendarRenew")}</Button>
          </Popconfirm>
        ) : (
          <Button type="primary" loading={make.isPending} onClick={makeAddress}>
            {t("weeks.calendarMake")}
          </Button>
        )}
        {state.data.active && (
          <Popconfirm
            title={t("weeks.calendarStopConfirm")}
            okText={t("weeks.calendarStop")}
            cancelText={t("common.cancel")}
            onConfirm={() =>
              revoke.mutate(undefined, {
                onSuccess: () => {
                  setAddress(null);
                  void message.success(t("weeks.calendarStopped"));
                },
                onError: (error) => void message.error(errorText(error)),
              })
            }
          >
            <Button danger loading={revoke.isPending}>
              {t("weeks.calendarStop")}
            </Button>
          </Popconfirm>
        )}
      </Flex>
    </Flex>
  );
}
