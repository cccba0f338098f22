import { expect, it } from "vitest";
import { createPool } from "../../src/store/pg-pool.ts";
import { describePostgres, TEST_DATABASE_URL } from "../helpers/postgres.ts";

describePostgres("the PostgreSQL pool", () => {
  it("keeps synchronous_commit on and the 5 s statement limit whatever options the URL gives, and honours the URL's other options", async () => {
    const url = new URL(TEST_DATABASE_URL!);
    url.searchParams.set("options", "-c synchronous_commit=off -c search_path=agency_a");
    const pool = createPool(url.toString());
    try {
      const show = async (name: string) => (await pool.query(`SHOW ${name}`)).rows[0][name];
      expect(await show("synchronous_commit")).toBe("on");
      expect(await show("statement_timeout")).toBe("5s");
      expect(await show("search_path")).toBe("agency_a");
    } finally {
      await pool.end();
    }
  });
});
