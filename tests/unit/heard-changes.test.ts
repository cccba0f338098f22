/**
 * Which reads the PostgreSQL store may keep (src/store/heard-changes.ts): a read is kept unless a
 * change to its own plan, newer than what it read, was heard meanwhile, or hearing stopped or started.
 * Changes to other plans do not matter: under load they come every millisecond, and counting them
 * kept nothing at all (every answer read its whole plan again).
 */
import { describe, expect, it } from "vitest";
import { HeardChanges } from "../../src/store/heard-changes.ts";

describe("changes heard while a plan was read", () => {
  it("keeps a read that other plans' changes overlapped", () => {
    const heard = new HeardChanges();
    const start = heard.begin();
    heard.heard("plan-b", 4);
    heard.heard("plan-c", 9);
    expect(heard.quiet("plan-a", 3, start)).toBe(true);
  });

  it("does not keep a read that a newer change to its own plan overlapped", () => {
    const heard = new HeardChanges();
    const start = heard.begin();
    heard.heard("plan-a", 4);
    expect(heard.quiet("plan-a", 3, start)).toBe(false);
  });

  it("keeps a save whose own change was heard before it finished", () => {
    const heard = new HeardChanges();
    const start = heard.begin();
    heard.heard("plan-a", 4); // the save's own NOTIFY, arriving before its COMMIT's answer
    expect(heard.quiet("plan-a", 4, start)).toBe(true);
  });

  it("keeps a read begun after its plan's last change", () => {
    const heard = new HeardChanges();
    heard.heard("plan-a", 4);
    const start = heard.begin();
    expect(heard.quiet("plan-a", 4, start)).toBe(true);
  });

  it("keeps nothing read across a gap in hearing", () => {
    const heard = new HeardChanges();
    const start = heard.begin();
    heard.gap();
    expect(heard.quiet("plan-a", 3, start)).toBe(false);
    expect(heard.quiet("plan-a", 3, heard.begin())).toBe(true);
  });

  it("once a plan's record is let go, treats every read begun before it as overlapped", () => {
    const heard = new HeardChanges(2);
    const start = heard.begin();
    heard.heard("plan-a", 4);
    heard.heard("plan-b", 1);
    heard.heard("plan-c", 1); // plan-a's record goes
    expect(heard.quiet("plan-a", 3, start)).toBe(false);
    expect(heard.quiet("plan-z", 3, start)).toBe(false); // it may have been plan-z's
    expect(heard.quiet("plan-a", 3, heard.begin())).toBe(true);
  });
});
