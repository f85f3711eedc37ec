import { describe, expect, it } from "vitest";

import { excerpt, searchTerms } from "./excerpt";

const marked = (text: string, terms: string[], length?: number) =>
  excerpt(text, terms, length)
    .map((part) => (part.match ? `[${part.text}]` : part.text))
    .join("");

describe("searchTerms", () => {
  it("reads the words, phrases and exclusions of a search as the server does", () => {
    expect(searchTerms('flood "data board" or -draft')).toEqual([
      'flood "data board" or -draft',
      "data board",
      "flood",
    ]);
    expect(searchTerms("  数据看板 ")).toEqual(["数据看板"]);
    expect(searchTerms("")).toEqual([]);
  });
});

describe("excerpt", () => {
  it("marks every match, whatever its case", () => {
    expect(marked("Dashboard review: the DASHBOARD is late", ["dashboard"])).toBe(
      "[Dashboard] review: the [DASHBOARD] is late",
    );
    expect(marked("防汛数据看板的需求", searchTerms("数据看板"))).toBe("防汛[数据看板]的需求");
  });

  it("marks a phrase whole rather than word by word", () => {
    expect(marked("the data board and the data", searchTerms('"data board"'))).toBe(
      "the [data board] and the data",
    );
  });

  it("cuts a long message around its first match", () => {
    const text = `${"a".repeat(100)} needle ${"b".repeat(100)}`;

    expect(marked(text, ["needle"], 40)).toBe(`…${"a".repeat(12)} [needle] ${"b".repeat(20)}…`);
    expect(marked(`needle ${"b".repeat(100)}`, ["needle"], 20)).toBe(`[needle] ${"b".repeat(13)}…`);
  });

  it("takes a search's characters as they are, not as a pattern", () => {
    expect(marked("cost (2027) +5%", ["(2027) +5%"])).toBe("cost [(2027) +5%]");
  });
});
