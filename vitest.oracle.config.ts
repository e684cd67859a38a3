import { defineConfig } from "vitest/config";

// The oracle: the tests that run the real Flask-Migrate / Alembic (Python), kept out of `npm test`.
// "record" writes the recordings `npm test` compares Retort with (`npm run oracle:record`, into
// the repository; `npm run test:oracle`, into a temp folder it then compares with the committed
// ones: scripts/test-oracle.js). "live" holds the property tests that draw fresh random cases
// and ask the oracle about each.
const common = { setupFiles: ["tests/property-seed.ts"], testTimeout: 600_000, hookTimeout: 600_000 };

export default defineConfig({
  test: {
    projects: [
      { test: { ...common, name: "record", include: ["tests/**/*.record.ts"] } },
      { test: { ...common, name: "live", include: ["tests/**/*.oracle.ts"] } },
    ],
  },
});
