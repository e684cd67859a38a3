import { defineConfig } from "vitest/config";

// `npm run test:export-flask`: playgrounds exported as Flask-Migrate projects, then run by the real
// Flask-Migrate (Python), so kept out of `npm test`. tests/export/export-flask.flask.ts says what it proves.
export default defineConfig({
  test: { include: ["tests/export/**/*.flask.ts"], testTimeout: 300_000, hookTimeout: 300_000, fileParallelism: false },
});
