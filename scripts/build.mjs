// Builds the server into one ES module (dist/server.js) with esbuild, so `npm start` runs plain
// node: compiling TypeScript at every start (tsx) cost about 0.75 s of cold start and ~36 MB of
// memory for its loader thread (BENCHMARKS.md). npm packages stay external, loaded from
// node_modules as usual. dist/ sits one level below the root like src/, so src/paths.ts holds.
import { build } from "esbuild";

await build({
  entryPoints: ["src/server.ts"],
  outfile: "dist/server.js",
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  sourcemap: true,
  logLevel: "warning",
});
