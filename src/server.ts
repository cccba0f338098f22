/** The one entry point that listens. Everything else is built by createApp(). */
import { serve } from "@hono/node-server";
import { createApp } from "./app.ts";
import { loadSettings } from "./settings.ts";
import { LowdbPlanStore } from "./store/lowdb-store.ts";
import { summarize } from "./plans/conversation.ts";

const settings = loadSettings();
const store = new LowdbPlanStore({ dataDir: settings.dataDir, now: () => new Date(), summarize });

try {
  await store.init();
} catch (err) {
  // A corrupt or unreadable store stops start-up: serving on would hide lost plans.
  console.error(`Coplan did not start. ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}

const app = createApp({ store, now: () => new Date(), settings });
const server = serve({ fetch: app.fetch, port: settings.port, hostname: settings.host }, (info) => {
  console.log(`Coplan is running at http://localhost:${info.port} (store: ${settings.dataDir})`);
});

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
