/**
 * No module in src/ or machines/ reaches itself through its imports. A circle makes load order
 * matter (a value read before its module has run is undefined) and ties files that should be
 * apart: route files once imported app.ts, which imports them, just for a type. Type-only imports
 * count too, so a shared type goes to a module of its own.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = resolve(import.meta.dirname, "../..");
const DIRS = ["src", "machines"];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.ts$/.test(name) ? [path] : [];
  });
}

/** `import … from "./x.ts"`, `export … from "../y.ts"` and `import "./z.ts"`, however many lines the import spans. */
const RELATIVE_IMPORT = /(?:^|\n)\s*(?:import|export)\b[^;]*?\bfrom\s+["'](\.{1,2}\/[^"']+)["']|(?:^|\n)\s*import\s+["'](\.{1,2}\/[^"']+)["']/g;

function importGraph(): Map<string, string[]> {
  const files = DIRS.flatMap((d) => sourceFiles(join(ROOT, d)));
  const known = new Set(files);
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const targets = [...readFileSync(file, "utf8").matchAll(RELATIVE_IMPORT)]
      .map((m) => resolve(dirname(file), m[1] ?? m[2]))
      .filter((t) => known.has(t));
    graph.set(relative(ROOT, file), targets.map((t) => relative(ROOT, t)));
  }
  return graph;
}

/** Every circle a depth-first walk meets, each as the path from a module back to itself. */
function circles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  const found: string[][] = [];
  const done = new Set<string>();
  const path: string[] = [];
  const onPath = new Set<string>();
  const visit = (node: string): void => {
    path.push(node);
    onPath.add(node);
    for (const next of graph.get(node) ?? []) {
      if (onPath.has(next)) found.push([...path.slice(path.indexOf(next)), next]);
      else if (!done.has(next)) visit(next);
    }
    path.pop();
    onPath.delete(node);
    done.add(node);
  };
  for (const node of graph.keys()) if (!done.has(node)) visit(node);
  return found;
}

describe("import circles", () => {
  it("finds a circle through three modules, and none in a chain", () => {
    expect(circles(new Map([["a", ["b"]], ["b", ["c"]], ["c", ["a"]]]))).toEqual([["a", "b", "c", "a"]]);
    expect(circles(new Map([["a", ["b"]], ["b", ["c"]], ["c", []]]))).toEqual([]);
  });

  it("reads the imports of src/ (app.ts imports its routes)", () => {
    expect(importGraph().get("src/app.ts")).toContain("src/routes/plans.ts");
  });

  it("src/ and machines/ have none", () => {
    expect(circles(importGraph()).map((c) => c.join(" -> "))).toEqual([]);
  });
});
