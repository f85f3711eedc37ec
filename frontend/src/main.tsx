import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { RouterProvider } from "react-router/dom";

import { Providers } from "@/app/Providers";
import { router } from "@/app/router";
import { setupI18n } from "@/lib/i18n";

import "./styles.css";

setupI18n();

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
