import "@testing-library/jest-dom/vitest";

import { cleanup, configure } from "@testing-library/react";
import { afterEach } from "vitest";

// findBy… and waitFor wait for a condition; on a busy machine it may take more than their
// default second to come. The limit only bounds a wait that would fail anyway.
configure({ asyncUtilTimeout: 10_000 });

afterEach(() => {
  cleanup();
  document.cookie.split("; ").forEach((cookie) => {
    document.cookie = `${cookie.split("=")[0]}=; expires=Thu, 01 Jan 1970 00:00:00 GMT`;
  });
});

// Ant Design reads the viewport through matchMedia, which jsdom lacks.
Object.defineProperty(window, "matchMedia", {
  writable: true,
  value: (query: string) => ({
    matches: false,
    media: query,
    onchange: null,
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
    addListener: () => undefined,
    removeListener: () => undefined,
    dispatchEvent: () => false,
  }),
});

// Ant Design's tables with fixed columns watch their size through ResizeObserver, which jsdom
// lacks; jsdom lays nothing out, so there is never a size to report.
window.ResizeObserver ??= class {
  observe() {}
  unobserve() {}
  disconnect() {}
};
