// The size budget of what a browser downloads first: the scripts and styles of the sign-in page
// (the entry and what it imports statically) and of the home page (those and the home page's
// chunk), compressed as served (gzip, the encoding every browser accepts). Fails when either is
// over the budget. Reads the build's manifest: run it after `npm run build`.
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";

const BUDGET_KB = 400;
const manifest = JSON.parse(readFileSync("dist/.vite/manifest.json", "utf8"));

/** The chunk `key` and every chunk it imports statically: what loads before it runs. */
function loadedFirst(key, loaded = new Set()) {
  if (!loaded.has(key)) {
    loaded.add(key);
    for (const imported of manifest[key].imports ?? []) loadedFirst(imported, loaded);
  }
  return loaded;
}

function files(keys) {
  const all = new Set();
  for (const key of keys) {
    for (const chunk of loadedFirst(key)) {
      all.add(manifest[chunk].file);
      for (const css of manifest[chunk].css ?? []) all.add(css);
    }
  }
  return [...all];
}

const entry = Object.keys(manifest).find((key) => manifest[key].isEntry);
const home = Object.keys(manifest).find((key) => key.startsWith("src/features/home/"));
if (!entry || !home) {
  throw new Error("The manifest names no entry or no home page: was the build made by vite.config.ts?");
}

let over = false;
for (const [page, keys] of [
  ["sign-in", [entry]],
  ["home", [entry, home]],
]) {
  const sizes = files(keys).map((file) => gzipSync(readFileSync(`dist/${file}`), { level: 9 }).length);
  const kb = sizes.reduce((sum, size) => sum + size, 0) / 1024;
  const verdict = kb <= BUDGET_KB ? "within" : "OVER";
  console.log(
    `${page}: ${kb.toFixed(1)} KB of script and style, gzip, in ${sizes.length} files: ${verdict} the budget of ${BUDGET_KB} KB`,
  );
  over ||= kb > BUDGET_KB;
}
process.exit(over ? 1 : 0);
