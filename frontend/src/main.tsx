import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { RouterProvider } from "react-router/dom";

import { Providers } from "@/app/Providers";
import { router } from "@/app/router";
import { setupI18n } from "@/lib/i18n";

import "./styles.css";

setupI18n();

// A page's code is loaded when first opened (app/pages.ts). After a new build, a tab opened
// before it asks for files that are gone: it loads the new build instead, at most once in ten
// seconds, so that files missing for another reason end in the error rather than in a loop.
const RELOADED_AT = "talentbridge.reloadedForNewBuild";
window.addEventListener("vite:preloadError", (event) => {
  const last = Number(sessionStorage.getItem(RELOADED_AT) ?? 0);
  if (Date.now() - last > 10_000) {
    sessionStorage.setItem(RELOADED_AT, String(Date.now()));
    event.preventDefault();
    window.location.reload();
  }
});

const root = document.getElementById("root");
if (!root) {
  throw new Error("index.html lacks the #root element");
}
createRoot(root).render(
  <StrictMode>
    <Providers>
      <RouterProvider router={router} />
    </Providers>
  </StrictMode>,
);
