import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import type { MessagePayload } from "@/lib/frames";
import { answerFetch, renderPage } from "@/test/render";

import { EditHistory } from "./EditHistory";

const MESSAGE: MessagePayload = {
  id: 12,
  room: 7,
  seq: 3,
  topic: null,
  reply_to: null,
  author: { id: 2, username: "bo", display_name: "Bo" },
  body: "Thursday at eight",
  mentions: [],
  client_id: "client-12",
  created_at: "2026-11-30T09:00:00+08:00",
  edited_at: "2026-11-30T09:06:00+08:00",
  deleted: false,
};

describe("EditHistory", () => {
  it("lists a message's texts from the first to the one it shows now, each with when it was written", async () => {
    const calls = answerFetch({
      status: 200,
      body: {
        count: 2,
        next: null,
        previous: null,
        results: [
          { body: "Wednesday at seven", replaced_at: "2026-11-30T09:02:00+08:00" },
          { body: "Wednesday at eight", replaced_at: "2026-11-30T09:06:00+08:00" },
        ],
      },
    });
    renderPage(<EditHistory room={7} message={MESSAGE} open onClose={() => undefined} />);

    const dialog = await screen.findByRole("dialog", { name: "Edit history" });
    await within(dialog).findByText("Wednesday at seven");
    const versions = within(dialog).getAllByRole("listitem");

    expect(versions.map((version) => version.textContent)).toEqual([
      `Original${time("2026-11-30T09:00:00+08:00")}Wednesday at seven`,
      `Version 2${time("2026-11-30T09:02:00+08:00")}Wednesday at eight`,
      `Current${time("2026-11-30T09:06:00+08:00")}Thursday at eight`,
    ]);
    expect(versions[2]).toHaveAttribute("aria-current", "true");
    expect(new URL(calls[0]?.url ?? "").pathname).toBe("/api/v1/rooms/7/messages/12/revisions/");
  });

  it("says why a history is not shown", async () => {
    answerFetch({
      status: 404,
      body: {
        code: "message_deleted",
        detail: "This message was deleted: its earlier texts are no longer shown.",
        errors: [],
      },
    });
    renderPage(<EditHistory room={7} message={MESSAGE} open onClose={() => undefined} />);

    expect(await screen.findByRole("alert")).toHaveTextContent(
      "This message was deleted: its earlier texts are no longer shown.",
    );
  });
});

function time(value: string): string {
  return new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short" }).format(new Date(value));
}
