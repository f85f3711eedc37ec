import { Form, Modal } from "antd";
import { useTranslation } from "react-i18next";

import { useShowFailure } from "@/lib/forms";

import type { MeetingRoom, MeetingRoomInput, Week } from "../api/weeks";
import { periodsOf, periodValues, type PeriodValue } from "../periods";
import { PeriodsField } from "./PeriodsField";
import { RoomFields } from "./RoomFields";

interface RoomChangeValues {
  name: string;
  capacity: number;
  location?: string;
  unavailable?: PeriodValue[];
}

/** Change a room: its name, seats, where it is, and the times it cannot be used. */
export function RoomForm({
  room,
  week,
  saving,
  onCancel,
  onSave,
}: {
  room: MeetingRoom;
  week: Week;
  saving: boolean;
  onCancel: () => void;
  onSave: (input: MeetingRoomInput) => Promise<unknown>;
}) {
  const { t } = useTranslation();
  const showFailure = useShowFailure();
  const [form] = Form.useForm<RoomChangeValues>();
  const submit = async (values: RoomChangeValues) => {
    try {
      await onSave({
        name: values.name,
        capacity: values.capacity,
        location: values.location ?? "",
        unavailable: periodsOf(values.unavailable),
      });
    } catch (error) {
      showFailure(form, error);
    }
  };
  return (
    <Modal
      open
      title={t("weeks.editRoom", { name: room.name })}
      okText={t("common.save")}
      cancelText={t("common.cancel")}
      confirmLoading={saving}
      onCancel={onCancel}
      onOk={() => form.submit()}
      destroyOnHidden
      width={600}
    >
      <Form<RoomChangeValues>
        form={form}
        layout="vertical"
        initialValues={{
          name: room.name,
          capacity: room.capacity,
          location: room.location,
          unavailable: periodValues(room.unavailable),
        }}
        onFinish={(values) => void submit(values)}
      >
        <RoomFields />
        <PeriodsField
          name="unavailable"
          label={t("weeks.unavailable")}
          help={t("weeks.unavailableHelp")}
          addText={t("weeks.addPeriod")}
          week={week}
        />
      </Form>
    </Modal>
  );
}
