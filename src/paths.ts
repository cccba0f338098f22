/**
 * The project's folders, found from this file. It sits one level below the root, and so does the
 * bundled server (dist/server.js), so the same relative path works from source and from the build.
 */
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("..", import.meta.url));
export const VIEWS_DIR = fileURLToPath(new URL("../views", import.meta.url));
export const STATIC_DIR = fileURLToPath(new URL("../static", import.meta.url));
export const SCENARIOS_DIR = fileURLToPath(new URL("../data/scenarios", import.meta.url));
