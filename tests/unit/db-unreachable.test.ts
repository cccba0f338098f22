import { describe, expect, it } from "vitest";
import { isDatabaseUnreachable } from "../../src/store/db-unreachable.ts";

const withCode = (code: string, message = "x") => Object.assign(new Error(message), { code });

describe("telling a database outage from other errors", () => {
  it.each([
    ["connection refused", withCode("ECONNREFUSED", "connect ECONNREFUSED 127.0.0.1:5432")],
    ["connection reset", withCode("ECONNRESET")],
    ["host unreachable", withCode("EHOSTUNREACH")],
    ["name not resolved for now", withCode("EAI_AGAIN")],
    ["administrator shut the server down (57P01)", withCode("57P01", "terminating connection due to administrator command")],
    ["server starting up (57P03)", withCode("57P03", "the database system is starting up")],
    ["connection exception class 08", withCode("08006")],
    ["a statement ended by statement_timeout (57014)", withCode("57014", "canceling statement due to statement timeout")],
    ["pool connect timeout", new Error("timeout exceeded when trying to connect")],
    ["no answer on an open connection (query_timeout)", new Error("Query read timeout")],
    ["connection lost mid-query", new Error("Connection terminated unexpectedly")],
    ["connect timeout in the client", new Error("Connection terminated due to connection timeout")],
    ["a broken client reused", new Error("Client has encountered a connection error and is not queryable")],
    ["wrapped as the store's start-up error", new Error("PostgreSQL (COPLAN_DATABASE_URL) could not be used: connect ECONNREFUSED", { cause: withCode("ECONNREFUSED") })],
    ["both addresses refused (AggregateError)", Object.assign(new AggregateError([withCode("ECONNREFUSED"), withCode("ECONNREFUSED")]), { code: "ECONNREFUSED" })],
    ["AggregateError without its own code", new AggregateError([withCode("ECONNREFUSED")])],
  ])("%s is an outage", (_name, err) => {
    expect(isDatabaseUnreachable(err)).toBe(true);
  });

  it.each([
    ["a unique violation (23505)", withCode("23505", "duplicate key value")],
    ["a syntax error (42601)", withCode("42601")],
    ["a plain bug", new TypeError("Cannot read properties of undefined")],
    ["a file error", withCode("ENOENT")],
    ["not an error at all", "ECONNREFUSED"],
    ["nothing", undefined],
  ])("%s is not an outage", (_name, err) => {
    expect(isDatabaseUnreachable(err)).toBe(false);
  });

  it("does not loop on an error that is its own cause", () => {
    const err = new Error("odd") as Error & { cause?: unknown };
    err.cause = err;
    expect(isDatabaseUnreachable(err)).toBe(false);
  });
});
