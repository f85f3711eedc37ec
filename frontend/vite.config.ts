import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, URL } from "node:url";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

import react from "@vitejs/plugin-react";
import type { Plugin } from "vite";
import { defineConfig } from "vitest/config";

/**
 * Writes a gzip and a Brotli copy beside each built file worth compressing, which WhiteNoise
 * serves to browsers that accept them (backend/apps/core/static.py): compressed once, at the
 * highest levels, rather than on every request.
 */
function precompress(): Plugin {
  return {
    name: "talentbridge-precompress",
    apply: "build",
    writeBundle(options, bundle) {
      const directory = options.dir ?? "dist";
      for (const fileName of Object.keys(bundle)) {
        if (!/\.(js|css|svg|json)$/.test(fileName)) continue;
        const content = readFileSync(join(directory, fileName));
        if (content.length < 1024) continue;
        writeFileSync(join(directory, `${fileName}.gz`), gzipSync(content, { level: 9 }));
        writeFileSync(
          join(directory, `${fileName}.br`),
          brotliCompressSync(content, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
        );
      }
    },
  };
}

// Built files are served by Django (WhiteNoise) under /static/; during `npm run dev` the API
// calls go to the daphne server of `make run`. The manifest (dist/.vite/manifest.json) tells
// the size budget (scripts/check-budget.mjs) what each page loads first.
export default defineConfig({
  base: "/static/",
  plugins: [react(), precompress()],
  resolve: { alias: { "@": fileURLToPath(new URL("./src", import.meta.url)) } },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
    manifest: true,
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
