import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Passwords are hashed at full scrypt cost even in tests; a sign-in takes a good fraction of a second.
    testTimeout: 20_000,
    hookTimeout: 60_000,
    // One test file per core, not vitest's default of one fewer: much of a file's time is spent
    // waiting on Chromium, PostgreSQL or a child server, so on a 2-core machine a second file runs
    // in that time instead of the suite running one file at a time.
    maxWorkers: availableParallelism(),
  },
});
