import { describe, expect, it } from "vitest";

import { ApiError, unwrap } from "./errors";

const body = {
  code: "invalid",
  detail: "3 problems found.",
  errors: [
    { field: "title", code: "blank", message: "This field may not be blank." },
    { field: "requirements.0.min_level", code: "max_value", message: "At most 5." },
    { field: null, code: "invalid", message: "The period must end on or after its start." },
  ],
};

describe("ApiError", () => {
  it("turns dotted fields into form name paths, numbers as indexes", () => {
    const error = new ApiError(400, body, null);

    expect(error.fieldErrors()).toEqual([
      { name: ["title"], errors: ["This field may not be blank."] },
      { name: ["requirements", 0, "min_level"], errors: ["At most 5."] },
    ]);
  });

  it("keeps for the form's top the messages of no field or of fields it does not show", () => {
    const error = new ApiError(400, body, null);

    expect(error.generalMessages(["requirements"])).toEqual([
      "This field may not be blank.",
      "The period must end on or after its start.",
    ]);
  });

  it("says what went wrong when the error names no problem", () => {
    const error = new ApiError(403, { code: "permission_denied", detail: "Nope.", errors: [] }, null);

    expect(error.generalMessages()).toEqual(["Nope."]);
  });
});

describe("unwrap", () => {
  it("gives the data of a successful answer", async () => {
    const data = await unwrap(
      Promise.resolve({ data: { id: 3 }, response: new Response(null, { status: 200 }) }),
    );

    expect(data).toEqual({ id: 3 });
  });

  it("throws the API's error with the seconds to wait of a throttled answer", async () => {
    const response = new Response(null, { status: 429, headers: { "Retry-After": "42" } });
    const error = {
      code: "rate_limited",
      detail: "Too many failed sign-ins; try again in 1 min.",
      errors: [],
    };

    await expect(unwrap(Promise.resolve({ error, response }))).rejects.toMatchObject({
      status: 429,
      code: "rate_limited",
      retryAfterSeconds: 42,
    });
  });
});
