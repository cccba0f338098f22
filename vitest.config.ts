import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Passwords are hashed at full scrypt cost even in tests; a sign-in takes a good fraction of a second.
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
});
