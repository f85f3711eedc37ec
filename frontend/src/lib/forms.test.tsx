import { act, render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Button, Form, Input, InputNumber, type FormInstance } from "antd";
import { useEffect } from "react";
import { describe, expect, it, vi } from "vitest";

import { ApiError } from "@/lib/api";

import { numberBetween, sendOnlyByButton, showFieldErrors, wholeNumber } from "./forms";

function PeriodForm({ onReady }: { onReady: (form: FormInstance) => void }) {
  const [form] = Form.useForm();
  useEffect(() => {
    onReady(form);
  }, [form, onReady]);
  return (
    <Form form={form}>
      <Form.Item name="title" label="Title">
        <Input />
      </Form.Item>
      <Form.Item name="period" label="Period">
        <Input />
      </Form.Item>
    </Form>
  );
}

describe("showFieldErrors", () => {
  it("puts each server error next to the field that edits it", async () => {
    const error = new ApiError(
      400,
      {
        code: "invalid",
        detail: "2 problems found.",
        errors: [
          { field: "title", code: "blank", message: "This field may not be blank." },
          { field: "end_date", code: "invalid", message: "The period must end on or after its start." },
        ],
      },
      null,
    );
    const forms: FormInstance[] = [];
    render(<PeriodForm onReady={(form) => forms.push(form)} />);
    const [form] = forms;
    if (!form) {
      throw new Error("the form did not render");
    }

    act(() => showFieldErrors(form, error, { end_date: "period" }));

    expect(await screen.findByText("This field may not be blank.")).toBeInTheDocument();
    expect(form.getFieldError("period")).toEqual(["The period must end on or after its start."]);
  });
});

function SeatsForm({ onFinish }: { onFinish: (values: { seats: number; weight: number }) => void }) {
  return (
    <Form onFinish={onFinish} onKeyDown={sendOnlyByButton} initialValues={{ weight: 1 }}>
      <Form.Item name="seats" label="Seats" rules={[wholeNumber(2, 100, "From 2 to 100 seats.")]}>
        <InputNumber<number> />
      </Form.Item>
      <Form.Item name="weight" label="Weight" rules={[numberBetween(0.1, 10, "A weight from 0.1 to 10.")]}>
        <InputNumber<number> />
      </Form.Item>
      <Button htmlType="submit">Send</Button>
    </Form>
  );
}

describe("number rules", () => {
  it("refuse a number out of range with the message, leaving it as typed", async () => {
    const onFinish = vi.fn();
    render(<SeatsForm onFinish={onFinish} />);
    const seats = screen.getByLabelText("Seats");
    await userEvent.type(seats, "1");
    await userEvent.clear(screen.getByLabelText("Weight"));
    await userEvent.type(screen.getByLabelText("Weight"), "0.05");
    await userEvent.click(screen.getByRole("button", { name: "Send" }));

    expect(await screen.findByText("From 2 to 100 seats.")).toBeInTheDocument();
    expect(await screen.findByText("A weight from 0.1 to 10.")).toBeInTheDocument();
    expect(seats).toHaveValue("1");
    expect(onFinish).not.toHaveBeenCalled();

    // More decimal places than the server keeps is refused too, not rounded.
    await userEvent.clear(screen.getByLabelText("Weight"));
    await userEvent.type(screen.getByLabelText("Weight"), "0.125");
    await userEvent.clear(seats);
    await userEvent.type(seats, "2.5");
    await userEvent.click(screen.getByRole("button", { name: "Send" }));
    expect(await screen.findByText("From 2 to 100 seats.")).toBeInTheDocument();
    expect(await screen.findByText("A weight from 0.1 to 10.")).toBeInTheDocument();
    expect(onFinish).not.toHaveBeenCalled();
  });
});

describe("sendOnlyByButton", () => {
  it("keeps Enter in a field from sending the form; the button sends it", async () => {
    const onFinish = vi.fn();
    render(<SeatsForm onFinish={onFinish} />);
    await userEvent.type(screen.getByLabelText("Seats"), "12{Enter}");
    // Give a submission every chance to happen before saying it did not.
    await userEvent.click(screen.getByLabelText("Weight"));
    expect(onFinish).not.toHaveBeenCalled();

    await userEvent.click(screen.getByRole("button", { name: "Send" }));
    await vi.waitFor(() => expect(onFinish).toHaveBeenCalledWith({ seats: 12, weight: 1 }));
  });
});
