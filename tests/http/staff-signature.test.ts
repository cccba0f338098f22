import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { addUser, buildApp, get, post, signIn, text, type Built } from "../helpers/app.ts";
import { planAtReview } from "../helpers/plans.ts";
import { staffSigner } from "../../src/signing/staff-signer.ts";
import type { User } from "../../src/auth/users.ts";

/** A plan of Casey's, consented to and signed by the client: waiting for the case manager. */
async function awaitingCaseManager(built: Built) {
  const { app, store, user } = built;
  const plan = await planAtReview(store, user.id);
  const rev = async () => String((await store.get(plan.id))!.rev);
  expect((await post(app, `/plans/${plan.id}/next`, { rev: await rev() })).status).toBe(303);
  expect((await post(app, `/plans/${plan.id}/consent`, { rev: await rev(), agreeClient: "yes", agreeCaseManager: "yes" })).status).toBe(303);
  expect((await post(app, `/plans/${plan.id}/sign`, { rev: await rev(), party: "client", typedName: "Amira Haddad", agree: "yes" })).status).toBe(303);
  return { id: plan.id, rev };
}

type StoredSig = { party: string; name: string; account?: { id: string; username: string; displayName: string }; onBehalfOf?: { id: string; username: string; displayName: string } };
const sealedSignatures = async (built: Built, id: string) => ((await built.store.get(id))!.sealed?.signatures ?? []) as StoredSig[];

async function pdfText(built: Built, id: string): Promise<string | null> {
  const res = await get(built.app, `/plans/${id}/retainer.pdf?copy=record`);
  expect(res.status).toBe(200);
  const pdf = Buffer.from(await res.arrayBuffer());
  if (!existsSync("/usr/bin/pdftotext")) return null;
  return execFileSync("pdftotext", ["-", "-"], { input: pdf }).toString().replace(/\s+/g, " ");
}

describe("the case manager's signature belongs to a person", () => {
  it("records the signed-in account of the plan's own case manager", async () => {
    const built = await buildApp();
    const { id, rev } = await awaitingCaseManager(built);
    const res = await post(built.app, `/plans/${id}/sign`, { rev: await rev(), party: "case-manager", typedName: "Casey Jones", agree: "yes" });
    expect(res.status).toBe(303);
    const staff = (await sealedSignatures(built, id)).find((s) => s.party === "case-manager")!;
    expect(staff.account).toEqual({ id: built.user.id, username: "casey", displayName: "Casey" });
    expect(staff.onBehalfOf).toBeUndefined();
    expect(text(await (await get(built.app, `/plans/${id}/retainer`)).text())).toContain("Signed in as Casey (casey)");
  });

  it("refuses a supervisor who has not said they sign for the case manager, and keeps what they typed", async () => {
    const built = await buildApp();
    const { id, rev } = await awaitingCaseManager(built);
    await addUser(built.deps, "supervisor", "sam");
    const sam = await signIn(built.raw, "sam");
    const form = text(await (await get(built.raw, `/plans/${id}`, { cookie: sam })).text());
    expect(form).toContain("I am signing for the plan's case manager");
    const res = await post(built.raw, `/plans/${id}/sign`, { rev: await rev(), party: "case-manager", typedName: "Sam Supervisor", agree: "yes" }, { cookie: sam });
    expect(res.status).toBe(422);
    const html = text(await res.text());
    expect(html).toContain("You are not this plan's case manager. To sign for Casey, tick");
    expect(html).toContain('value="Sam Supervisor"');
    expect((await built.store.get(id))!.sealed).toBeUndefined();
    // Ticking "signing for" someone who is not this plan's case manager is no better.
    const wrong = await post(built.raw, `/plans/${id}/sign`, { rev: await rev(), party: "case-manager", typedName: "Sam Supervisor", agree: "yes", signingFor: "someone-else" }, { cookie: sam });
    expect(wrong.status).toBe(422);
    expect((await built.store.get(id))!.sealed).toBeUndefined();
  });

  it("lets a supervisor sign for the case manager through the explicit step, and the record shows both names", async () => {
    const built = await buildApp();
    const { id, rev } = await awaitingCaseManager(built);
    const supervisor = await addUser(built.deps, "supervisor", "sam");
    const sam = await signIn(built.raw, "sam");
    const res = await post(built.raw, `/plans/${id}/sign`, { rev: await rev(), party: "case-manager", typedName: "Sam Supervisor", agree: "yes", signingFor: built.user.id }, { cookie: sam });
    expect(res.status).toBe(303);
    const staff = (await sealedSignatures(built, id)).find((s) => s.party === "case-manager")!;
    expect(staff.account).toEqual({ id: supervisor.id, username: "sam", displayName: "Sam" });
    expect(staff.onBehalfOf).toEqual({ id: built.user.id, username: "casey", displayName: "Casey" });
    const both = "Signed by Sam (sam), supervisor, for the case manager Casey (casey)";
    expect(text(await (await get(built.app, `/plans/${id}/retainer`)).text())).toContain(both);
    const pdf = await pdfText(built, id);
    if (pdf !== null) expect(pdf).toContain(both);
  });

  it("refuses anyone else in words: another case manager, a trainee, a plan with no case manager", () => {
    const user = (id: string, role: User["role"], displayName = id): User => ({ id, username: id, displayName, role }) as User;
    const casey = user("casey", "case-manager", "Casey Jones");
    const other = staffSigner(user("robin", "case-manager"), casey, "casey");
    expect(other).toEqual({ ok: false, reason: "Only the plan's own case manager, Casey Jones, can sign here. A supervisor can sign for them if they cannot." });
    expect(staffSigner(user("tess", "trainee"), casey, undefined).ok).toBe(false);
    expect(staffSigner(user("sam", "supervisor"), undefined, "casey").ok).toBe(false);
    const left = { ...casey, disabled: true } as User;
    expect(staffSigner(user("sam", "supervisor"), left, "casey")).toMatchObject({ ok: false, reason: expect.stringContaining("no longer has an active account") });
    expect(staffSigner(casey, casey, undefined)).toEqual({ ok: true, account: { id: "casey", username: "casey", displayName: "Casey Jones" } });
  });
});
