/**
 * The shape of a promise as promise.ts reads it: where it stands in the sentence and what it
 * promises. Apart from promise.ts so that promise-rewrite.ts, which promise.ts calls, can read them.
 */

export interface Frame {
  /**
   * modal: "… will find"; subject: "I guarantee …"; instruction: "Find a flat";
   * bare: "a guaranteed place" (a promise, but no sentence to rewrite).
   */
  kind: "modal" | "subject" | "instruction" | "bare";
  /** First token of the promise: "will", "I" in "I guarantee", or the verb of an instruction. */
  start: number;
  /** First token after the commitment verb. */
  after: number;
  verb: string;
}

/**
 * What is promised: a thing ("a flat", starting at `from`, perhaps for someone named just after the
 * verb: "find Ali a job"), or an outcome stated as a clause ("your benefits are reinstated");
 * undefined if the words promise effort ("find out", "make sure to call").
 */
export type Promised =
  | { kind: "thing"; from: number; forWhom?: readonly [number, number] }
  | { kind: "clause"; from: number }
  /** "get the council to rehouse you": someone else is to act; `to` is where "to" stands. */
  | { kind: "causative"; from: number; to: number };
