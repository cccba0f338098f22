/** What a refused sign-in says, beside the form, for each reason the throttle or the hash queue gives. */
import type { Refusal } from "./throttle.ts";

/** Usernames are at most 40 characters and passwords 200; far past that is not a sign-in. */
export const MAX_USERNAME = 200;
export const MAX_PASSWORD = 1000;
export const TOO_LONG = "That username is too long to be one. Check what was typed in the username box.";

export const BUSY = "Coplan is busy checking other sign-ins. Wait a few seconds, then sign in again.";

const minutes = (s: number) => (s <= 60 ? "a minute" : `${Math.ceil(s / 60)} minutes`);

export function refusalMessage(r: Refusal): string {
  switch (r.reason) {
    case "account":
      return `Too many failed attempts for this account from here. Wait ${minutes(r.retryAfterSeconds)}, or ask an administrator.`;
    case "address":
      return `Too many failed sign-ins from this network. Wait ${minutes(r.retryAfterSeconds)}, or ask an administrator.`;
    case "busy":
      return "Coplan is busy checking other sign-ins from this network. Wait a few seconds, then sign in again.";
    case "slowed":
      return `Many failed sign-ins for this account from elsewhere, so Coplan takes one every few seconds. Wait ${r.retryAfterSeconds} seconds, then sign in again.`;
  }
}
