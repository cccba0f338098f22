/**
 * Remembering what a text says. The server runs every check on the whole plan after each answer,
 * yet an answer changes one item: reading a text (tokens, English or not, phrases) is most of the
 * cost, so each reading is kept and the next call costs little more than the lookups.
 *
 * Only pure functions of the text are remembered. Whatever depends on the day, the plan's dates
 * or the other items is worked out on every call, outside. Values are frozen, all the way down, so
 * no caller can change what a later call reads.
 */
import { deepFreeze } from "../freeze.ts";

export interface MemoLimits {
  /** Texts kept. 5,000 is some 250 plans' worth, more than are in use at once; a text let go is read again. */
  entries?: number;
  /** Characters of text kept, so a few very long texts cannot hold megabytes. */
  chars?: number;
}

/**
 * `read`, remembering its answers for the most recently used texts. Two generations, as in
 * dominictarr/hashlru: a text read again moves to the newer one, and when that is full the older
 * is dropped whole. So a hit costs one lookup, and nothing ever walks or reorders a Map.
 */
export function memo<T>(read: (text: string) => T, { entries = 5_000, chars = 300_000 }: MemoLimits = {}): (text: string) => T {
  let recent = new Map<string, T>();
  let older = new Map<string, T>();
  let held = 0;
  return (text) => {
    const known = recent.get(text);
    if (known !== undefined || recent.has(text)) return known as T;
    const old = older.get(text);
    const value = old !== undefined || older.has(text) ? (old as T) : deepFreeze(read(text));
    // Each generation holds half, so both together stay within the limits.
    if (recent.size >= entries / 2 || held >= chars / 2) {
      older = recent;
      recent = new Map();
      held = 0;
    }
    recent.set(text, value);
    held += text.length;
    return value;
  };
}
