import { readdirSync } from "node:fs";

import js from "@eslint/js";
import { createTypeScriptImportResolver } from "eslint-import-resolver-typescript";
import importX from "eslint-plugin-import-x";
import reactHooks from "eslint-plugin-react-hooks";
import reactRefresh from "eslint-plugin-react-refresh";
import globals from "globals";
import tseslint from "typescript-eslint";

// One zone per folder under src/features, read from the disk so that a new feature is fenced in
// the day it is made, without anyone remembering to list it here.
const features = readdirSync(new URL("./src/features", import.meta.url), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

/**
 * The import direction: app -> features -> components and lib. A feature is composed with others
 * only in src/app (routes, layout); what two features share moves down to src/components or src/lib.
 */
const layers = [
  ...features.map((feature) => ({
    target: `./src/features/${feature}`,
    from: "./src/features",
    except: [`./${feature}`],
    message:
      "A feature imports no other feature: compose them in src/app, or move what they share to src/components or src/lib.",
  })),
  {
    target: "./src/features",
    from: "./src/app",
    message: "A feature imports nothing from src/app: what it needs belongs in src/components or src/lib.",
  },
  {
    target: ["./src/components", "./src/lib"],
    from: ["./src/features", "./src/app"],
    message: "src/components and src/lib sit below the features and the app, and import neither.",
  },
];

export default tseslint.config(
  { ignores: ["dist", "node_modules", "src/lib/api/schema.d.ts"] },
  {
    files: ["**/*.{ts,tsx}"],
    extends: [js.configs.recommended, ...tseslint.configs.strict],
    languageOptions: {
      ecmaVersion: 2022,
      globals: globals.browser,
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { "import-x": importX, "react-hooks": reactHooks, "react-refresh": reactRefresh },
    settings: {
      // Resolves `@/…` through tsconfig's paths, as Vite does through its alias.
      "import-x/resolver-next": [
        createTypeScriptImportResolver({ project: `${import.meta.dirname}/tsconfig.json` }),
      ],
    },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // Ant Design 6 marks the props it will remove; use their replacements from the start.
      "@typescript-eslint/no-deprecated": "error",
      "@typescript-eslint/no-floating-promises": "error",
      "react-refresh/only-export-components": ["warn", { allowConstantExport: true }],
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@/features/*/*"],
              message: "Import a feature through its index, never its insides.",
            },
          ],
        },
      ],
      "import-x/no-restricted-paths": ["error", { basePath: import.meta.dirname, zones: layers }],
      // no-restricted-paths passes over an import it cannot resolve, so a resolver that lost the
      // `@/` alias would silence it; this keeps such a loss loud.
      "import-x/no-unresolved": "error",
    },
  },
);
