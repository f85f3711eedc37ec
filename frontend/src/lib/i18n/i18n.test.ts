import { afterEach, describe, expect, it, vi } from "vitest";

import { en } from "./en";
import { initialLanguage } from "./index";
import { zhHans } from "./zh-hans";

function leaves(tree: object, prefix = ""): [string, string][] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === "string" ? [[`${prefix}${key}`, value]] : leaves(value as object, `${prefix}${key}.`),
  );
}

describe("the dictionaries", () => {
  it("have the same keys and no empty text", () => {
    const english = leaves(en);
    const chinese = leaves(zhHans);

    expect(chinese.map(([key]) => key)).toEqual(english.map(([key]) => key));
    expect([...english, ...chinese].filter(([, text]) => text.trim() === "")).toEqual([]);
  });

  it("are really translated: Chinese text is written in Chinese", () => {
    const untranslated = leaves(zhHans).filter(
      ([key, text]) => !/[\u4e00-\u9fff]/.test(text) && !/^enums\.level|^app\.name/.test(key),
    );

    expect(untranslated).toEqual([]);
  });

  it("keep the same placeholders in both languages", () => {
    const placeholders = (text: string) => (text.match(/\{\{\w+\}\}/g) ?? []).sort();
    const chinese = new Map(leaves(zhHans));

    for (const [key, text] of leaves(en)) {
      expect(placeholders(chinese.get(key) ?? ""), key).toEqual(placeholders(text));
    }
  });
});

describe("initialLanguage", () => {
  afterEach(() => {
    window.localStorage.clear();
    vi.unstubAllGlobals();
  });

  it("follows a Chinese browser on the first visit", () => {
    vi.stubGlobal("navigator", { languages: ["zh-CN", "en"], language: "zh-CN" });

    expect(initialLanguage()).toBe("zh-hans");
  });

  it("falls back to English for any other browser language", () => {
    vi.stubGlobal("navigator", { languages: ["fr-FR"], language: "fr-FR" });

    expect(initialLanguage()).toBe("en");
  });

  it("keeps the last choice over the browser's", () => {
    vi.stubGlobal("navigator", { languages: ["zh-CN"], language: "zh-CN" });
    window.localStorage.setItem("talentbridge.language", "en");

    expect(initialLanguage()).toBe("en");
  });
});
