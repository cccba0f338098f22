/** What a refused sign-in says, beside the form, for each reason the throttle or the hash queue gives: a Msg, said in the reader's language. */
import { type Msg, msg } from "../i18n/translator.ts";
import type { Refusal } from "./throttle.ts";

/** Usernames are at most 40 characters and passwords 200; far past that is not a sign-in. */
export const MAX_USERNAME = 200;
export const MAX_PASSWORD = 1000;
export const TOO_LONG = msg("signin.tooLong");

export const BUSY = msg("signin.busy");

/** Whole minutes to wait, at least one: "a minute" up to 60 seconds. */
export const minutesToWait = (s: number) => Math.max(1, Math.ceil(s / 60));

export function refusalMessage(r: Refusal): Msg {
  switch (r.reason) {
    case "account":
      return msg("signin.tooManyAccount", { minutes: minutesToWait(r.retryAfterSeconds) });
    case "address":
      return msg("signin.tooManyNetwork", { minutes: minutesToWait(r.retryAfterSeconds) });
    case "busy":
      return msg("signin.busyNetwork");
    case "slowed":
      return msg("signin.slowed", { seconds: r.retryAfterSeconds });
  }
}
