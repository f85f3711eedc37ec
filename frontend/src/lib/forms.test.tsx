import { act, render, screen } from "@testing-library/react";
import { Form, Input, type FormInstance } from "antd";
import { useEffect } from "react";
import { describe, expect, it } from "vitest";

import { ApiError } from "@/lib/api";

import { showFieldErrors } from "./forms";

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
