/**
 * Hono's trie router, remembering its answer for the paths asked most recently. Coplan's routes
 * cannot use hono's quicker RegExpRouter (a static segment beside a parameter, as in /plans/new
 * and /plans/:id), and the trie router walks every middleware layer again for each request: about
 * 4 % of a page view's work. A conversation asks for the same few paths of its plan over and over,
 * so their answers are kept: at most KEPT of them, for paths no longer than LONGEST (an address
 * made up to fill the memory is matched as before, and only ever pushes out older paths). An
 * answer is about 4 KB (the handlers and parameters of every layer a plan's route passes): 2,000
 * of them held the server's memory 13–18 MB higher after the bench's loads; 256 do not show.
 *
 * A match result is only ever read by hono (the handlers to run and the route's parameters), so one
 * result can serve every request for its path. Adding a route forgets all.
 */
import type { Result, Router } from "hono/router";
import { TrieRouter } from "hono/router/trie-router";

export const KEPT = 256;
export const LONGEST = 200;

export class RememberingRouter<T> implements Router<T> {
  readonly name = "RememberingRouter";
  private readonly trie = new TrieRouter<T>();
  private readonly kept = new Map<string, Result<T>>();

  add(method: string, path: string, handler: T): void {
    this.kept.clear();
    this.trie.add(method, path, handler);
  }

  match(method: string, path: string): Result<T> {
    if (path.length > LONGEST) return this.trie.match(method, path);
    const key = `${method} ${path}`;
    let result = this.kept.get(key);
    if (result) return result;
    result = this.trie.match(method, path);
    if (this.kept.size >= KEPT) this.kept.delete(this.kept.keys().next().value!);
    this.kept.set(key, result);
    return result;
  }

  /** How many answers are kept now (tests). */
  get size(): number {
    return this.kept.size;
  }
}
