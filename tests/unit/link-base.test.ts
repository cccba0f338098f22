import { describe, expect, it } from "vitest";
import { linkBase, linkTo, originWarning } from "../../src/http/link-base.ts";

describe("the base of every link Coplan gives out", () => {
  it.each([
    [{ origin: "https://coplan.example.org", host: "0.0.0.0", port: 3000 }, "https://coplan.example.org"],
    [{ host: "127.0.0.1", port: 3000 }, "http://127.0.0.1:3000"],
    [{ host: "0.0.0.0", port: 8080 }, "http://localhost:8080"],
    [{ host: "::", port: 8080 }, "http://localhost:8080"],
    [{ host: "::1", port: 3000 }, "http://[::1]:3000"],
    [{ host: "coplan.lan", port: 80 }, "http://coplan.lan"],
  ])("%o gives %s", (settings, base) => {
    expect(linkBase(settings)).toBe(base);
  });

  it("joins a path to it", () => {
    expect(linkTo({ host: "127.0.0.1", port: 3000 }, "/r/abc/def")).toBe("http://127.0.0.1:3000/r/abc/def");
  });

  it("warns only when COPLAN_ORIGIN is not set", () => {
    expect(originWarning({ origin: "https://coplan.example.org", host: "127.0.0.1", port: 3000 })).toBeNull();
    expect(originWarning({ host: "127.0.0.1", port: 3000 })).toContain("COPLAN_ORIGIN is not set");
  });
});
