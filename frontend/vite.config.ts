import { fileURLToPath, URL } from "node:url";

import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";

// Built files are served by Django (WhiteNoise) under /static/; during `npm run dev` the API
// calls go to the daphne server of `make run`.
export default defineConfig({
  base: "/static/",
  plugins: [react()],
  resolve: { alias: { "@": fileURLToPath(new URL("./src", import.meta.url)) } },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
  },
  server: {
    proxy: {
      "/api": "http://127.0.0.1:8000",
      "/healthz": "http://127.0.0.1:8000",
    },
  },
  test: {
    environment: "jsdom",
    globals: true,
    setupFiles: ["./src/test/setup.ts"],
    css: false,
    // A page test is slow by nature, not by fault: Ant Design injects its CSS-in-JS rules into the
    // document, and jsdom's getComputedStyle, which user-event calls for the pointer-events check
    // of each click and Testing Library for each role query, matches every element against all of
    // them. The first LoginPage test takes about 2 s on an idle 2-core machine and 7 s with other
    // work holding both cores, past the default 5 s. This bound only catches a test that hangs;
    // tests still wait for what a person would see (findBy…), never for a fixed time.
    testTimeout: 20_000,
  },
});
