import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["dist/", "dist-cli/", "node_modules/", "**/*.svelte", "tests/export/fixtures/"] },
  ...tseslint.configs.recommended,
  {
    rules: {
      "no-eval": "error",
      "no-new-func": "error",
      "no-implied-eval": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // the CLI's entry is CommonJS (bin/package.json), which Node starts faster: require is its import
    files: ["bin/**"],
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
);
