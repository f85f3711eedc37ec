import { DeleteOutlined, EditOutlined } from "@ant-design/icons";
import { App, Button, Card, Flex, Form, Popconfirm, Space, Table, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";

import { QueryError } from "@/components/PageStates";
import { useErrorText } from "@/lib/errors";
import { useFormat } from "@/lib/format";
import { useShowFailure } from "@/lib/forms";

import {
  useCreateRoom,
  useRemoveRoom,
  useUpdateRoom,
  useWeekRooms,
  type MeetingRoom,
  type Week,
} from "../api/weeks";
import { RoomFields } from "./RoomFields";
import { RoomForm } from "./RoomForm";

interface RoomValues {
  name: string;
  capacity: number;
  location?: string;
}

/** The rooms the week's sessions take; its organisers add and remove them. */
export function RoomsPanel({ week }: { week: Week }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const format = useFormat();
  const errorText = useErrorText();
  const showFailure = useShowFailure();
  const rooms = useWeekRooms(week.id);
  const create = useCreateRoom(week.id);
  const remove = useRemoveRoom();
  const update = useUpdateRoom();
  const [editing, setEditing] = useState<MeetingRoom | null>(null);
  const [form] = Form.useForm<RoomValues>();
  const editable = week.can_manage && week.status !== "closed";

  if (rooms.isError) {
    return <QueryError error={rooms.error} />;
  }
  const add = (values: RoomValues) =>
    create.mutate(
      { name: values.name, capacity: values.capacity, location: values.location ?? "" },
      {
        onSuccess: () => {
          form.resetFields();
          void message.success(t("weeks.roomAdded"));
        },
        onError: (error) => showFailure(form, error),
      },
    );
  return (
    <Flex vertical gap={16}>
      {editable && (
        <Card size="small" title={t("weeks.addRoom")}>
          <Form<RoomValues> form={form} layout="inline" onFinish={add}>
            <RoomFields />
            <Form.Item>
              <Button type="primary" htmlType="submit" loading={create.isPending}>
                {t("common.add")}
              </Button>
            </Form.Item>
          </Form>
        </Card>
      )}
      <Table<MeetingRoom>
        rowKey="id"
        loading={rooms.isPending}
        dataSource={rooms.data ?? []}
        pagination={false}
        scroll={{ x: "max-content" }}
        locale={{ emptyText: t("weeks.noRooms") }}
        columns={[
          { title: t("weeks.fields.roomName"), dataIndex: "name" },
          { title: t("weeks.fields.roomCapacity"), dataIndex: "capacity", align: "end" },
          { title: t("weeks.fields.location"), dataIndex: "location" },
          {
            title: t("weeks.unavailable"),
            key: "unavailable",
            render: (_, room) =>
              room.unavailable.length === 0 ? (
                <Typography.Text type="secondary">{t("weeks.alwaysAvailable")}</Typography.Text>
              ) : (
                room.unavailable.map((period) => (
                  <div key={period.starts_at}>
                    {format.dateTime(period.starts_at)}–{format.time(period.ends_at)}
                  </div>
                ))
              ),
          },
          ...(editable
            ? [
                {
                  title: t("common.actions"),
                  key: "actions",
                  fixed: "end" as const,
                  render: (_: unknown, room: MeetingRoom) => (
                    <Space>
                      <Button
                        type="text"
                        icon={<EditOutlined aria-hidden />}
                        aria-label={t("weeks.editRoom", { name: room.name })}
                        onClick={() => setEditing(room)}
                      />
                      <Popconfirm
                        title={t("weeks.removeRoomConfirm", { name: room.name })}
                        okText={t("common.remove")}
                        cancelText={t("common.cancel")}
                        onConfirm={() =>
                          remove.mutate(room.id, { onError: (error) => void message.error(errorText(error)) })
                        }
                      >
                        <Button
                          type="text"
                          danger
                          icon={<DeleteOutlined aria-hidden />}
                          aria-label={t("weeks.removeRoom", { name: room.name })}
                        />
                      </Popconfirm>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      {editing && (
        <RoomForm
          room={editing}
          week={week}
          saving={update.isPending}
          onCancel={() => setEditing(null)}
          onSave={(input) =>
            update.mutateAsync({ id: editing.id, body: input }).then(() => {
              setEditing(null);
              void message.success(t("common.saved"));
            })
          }
        />
      )}
    </Flex>
  );
}
