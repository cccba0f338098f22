/**
 * Issue 23, live both ways: the staff screen and the client's phone each follow the plan through
 * server-sent events, each event carrying the revision as its id and the fragments to swap in.
 */
import { describe, expect, it } from "vitest";
import { addUser, type Built, buildApp, createPlanViaForm, get, ORIGIN, post, revOf, signIn, text } from "../helpers/app.ts";
import { StreamCounter, streams } from "../../src/live/streams.ts";

/** Reads a text/event-stream body event by event. */
function events(res: Response) {
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  return {
    async next(timeoutMs = 1000): Promise<{ event?: string; id?: string; data: string }> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const end = buffer.indexOf("\n\n");
        if (end >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (block.startsWith(":")) continue; // a heartbeat
          const lines = block.split("\n");
          const field = (name: string) => lines.find((l) => l.startsWith(`${name}: `))?.slice(name.length + 2);
          return { event: field("event"), id: field("id"), data: lines.filter((l) => l.startsWith("data: ")).map((l) => l.slice(6)).join("\n") };
        }
        const left = deadline - Date.now();
        if (left <= 0) throw new Error("no event in time");
        const chunk = await Promise.race([reader.read(), new Promise<never>((_, reject) => setTimeout(() => reject(new Error("no event in time")), left))]);
        if (chunk.done) throw new Error("stream closed");
        buffer += chunk.value;
      }
    },
    close: () => reader.cancel(),
  };
}

async function offered(built: Built) {
  const id = await createPlanViaForm(built.app);
  const page = await (await get(built.app, `/plans/${id}`)).text();
  const made = await (await post(built.app, `/plans/${id}/companion`, { rev: revOf(page) })).text();
  const path = new URL(text(made).match(/id="new-companion-link">([^<]+)</)![1]).pathname;
  return { id, path };
}

const open = (built: Built, path: string, init: RequestInit = {}) => built.raw.request(`${ORIGIN}${path}`, init);

describe("live updates", () => {
  it("brings the phone's answer to the staff screen, and the staff screen's answer to the phone, within a second", async () => {
    const built = await buildApp();
    const { id, path } = await offered(built);
    const rev = Number(revOf(await (await get(built.app, `/plans/${id}`)).text()));
    const staffRes = await get(built.app, `/plans/${id}/events?rev=${rev}`);
    expect(staffRes.headers.get("Content-Type")).toContain("text/event-stream");
    const staff = events(staffRes);
    const phone = events(await open(built, `${path}/events?rev=${rev}`));
    expect((await staff.next()).event).toBe("hello");
    expect((await phone.next()).event).toBe("hello");

    const t0 = Date.now();
    expect((await post(built.raw, `${path}/answer`, { rev: String(rev), words: "A quiet place to live" })).status).toBe(303);
    const seen = await staff.next();
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(seen.event).toBe("plan");
    expect(seen.id).toBe(String(rev + 1));
    expect(seen.data).toContain("A quiet place to live");
    expect(seen.data).toContain("From the client&#39;s phone");
    expect(seen.data).toContain('id="plan-panel"');
    const phoneSeen = await phone.next();
    expect(phoneSeen.id).toBe(String(rev + 1));
    expect(phoneSeen.data).toContain("A quiet place to live");

    // The case manager answers on the shared screen: the phone hears it.
    const t1 = Date.now();
    expect((await post(built.app, `/plans/${id}/goals`, { rev: String(rev + 1), issue: "Depression", clientWords: "Feel like myself again" })).status).toBe(303);
    const onPhone = await phone.next();
    expect(Date.now() - t1).toBeLessThan(1000);
    expect(onPhone.id).toBe(String(rev + 2));
    expect(text(onPhone.data)).toContain("Feel like myself again");
    expect(text(onPhone.data)).toContain("About “Income”");
    expect(onPhone.data).toContain('id="companion-live"');
    // And so does another tab of the staff screen.
    expect(text((await staff.next()).data)).toContain("Feel like myself again");
    await staff.close();
    await phone.close();
  });

  it("resumes from Last-Event-ID: what was missed comes at once", async () => {
    const built = await buildApp();
    const { id, path } = await offered(built);
    const rev = Number(revOf(await (await get(built.app, `/plans/${id}`)).text()));
    await post(built.raw, `${path}/answer`, { rev: String(rev), words: "Missed while away" });
    const phone = events(await open(built, `${path}/events?rev=1`, { headers: { "Last-Event-ID": String(rev) } }));
    expect((await phone.next()).event).toBe("hello");
    const missed = await phone.next();
    expect(missed.id).toBe(String(rev + 1));
    expect(missed.data).toContain("Missed while away");
    await phone.close();
  });

  it("tells the phone when its link ends, and lets go of a closed stream at once", async () => {
    const built = await buildApp();
    const before = streams.count();
    const { id, path } = await offered(built);
    const phone = events(await open(built, `${path}/events`));
    expect((await phone.next()).event).toBe("hello");
    expect(streams.count()).toBe(before + 1);
    expect((await post(built.app, `/plans/${id}/companion/end`, {})).status).toBe(303);
    let last = await phone.next();
    while (last.event === "plan") last = await phone.next(); // no ?rev=: the plan as it is now came first
    expect(last.event).toBe("ended");
    await new Promise((r) => setTimeout(r, 20));
    expect(streams.count()).toBe(before);

    const staff = events(await get(built.app, `/plans/${id}/events`));
    expect((await staff.next()).event).toBe("hello");
    expect(streams.count()).toBe(before + 1);
    await staff.close();
    await new Promise((r) => setTimeout(r, 20));
    expect(streams.count()).toBe(before);
  });
});

describe("the staff screen's stream", () => {
  it("closes, saying so, once its session could have gone idle: an open page keeps no session alive", async () => {
    const built = await buildApp(undefined, undefined, { COPLAN_IDLE_MINUTES: "5" });
    const id = await createPlanViaForm(built.app);
    const rev = revOf(await (await get(built.app, `/plans/${id}`)).text());
    const staff = events(await get(built.app, `/plans/${id}/events?rev=${rev}`));
    expect((await staff.next()).event).toBe("hello");
    built.clock.t = new Date(built.clock.t.getTime() + 5 * 60_000 - 1000);
    await post(built.app, `/plans/${id}/goals`, { rev, issue: "Housing at risk", clientWords: "Still here" });
    expect((await staff.next()).event).toBe("plan"); // within its time: changes still come
    built.clock.t = new Date(built.clock.t.getTime() + 1000);
    await post(built.app, `/plans/${id}/goals`, { rev: String(Number(rev) + 1), issue: "Depression", clientWords: "Gone quiet" });
    const last = await staff.next();
    expect(last.event).toBe("expired");
  });
});

describe("signing out", () => {
  it("closes the account's open screens at once (in this process)", async () => {
    const built = await buildApp();
    const id = await createPlanViaForm(built.app);
    const rev = revOf(await (await get(built.app, `/plans/${id}`)).text());
    const staff = events(await get(built.app, `/plans/${id}/events?rev=${rev}`));
    expect((await staff.next()).event).toBe("hello");
    expect((await post(built.app, "/signout", {})).status).toBe(303);
    expect((await staff.next()).event).toBe("expired");
  });

  it("answers the browser's reconnect without a session with 401, not a redirect to the sign-in page it cannot show", async () => {
    const built = await buildApp();
    const id = await createPlanViaForm(built.app);
    expect((await post(built.app, "/signout", {})).status).toBe(303);
    const res = await built.raw.request(`${ORIGIN}/plans/${id}/events?rev=1`, { headers: { Accept: "text/event-stream", "Last-Event-ID": "1" } });
    expect(res.status).toBe(401);
    expect(res.headers.get("Location")).toBeNull();
    expect(res.headers.get("Content-Type") ?? "").not.toContain("text/event-stream");
    // A page asked for in the browser's address bar still goes to the sign-in page.
    const page = await built.raw.request(`${ORIGIN}/plans/${id}`, { headers: { Accept: "text/html" } });
    expect(page.status).toBe(303);
    expect(page.headers.get("Location")).toBe(`/signin?next=${encodeURIComponent(`/plans/${id}`)}`);
  });
});

describe("a handover", () => {
  it("ends the staff screen's stream, so the browser's reconnect meets the access check again", async () => {
    const built = await buildApp();
    const id = await createPlanViaForm(built.app);
    const other = await addUser(built.deps, "case-manager", "olu");
    await addUser(built.deps, "supervisor", "sam");
    const sam = await signIn(built.raw, "sam");
    const rev = revOf(await (await get(built.app, `/plans/${id}`)).text());
    const staff = events(await get(built.app, `/plans/${id}/events?rev=${rev}`));
    expect((await staff.next()).event).toBe("hello");
    expect((await post(built.raw, `/plans/${id}/reassign`, { rev, to: other.id, note: "" }, { cookie: sam })).status).toBe(303);
    expect((await staff.next()).event).toBe("ended");
    expect((await get(built.app, `/plans/${id}/events`)).status).not.toBe(200);
  });
});

describe("the count of open streams", () => {
  it("caps streams per plan and in all, and frees a place when one closes", () => {
    const counter = new StreamCounter({ total: 3, perPlan: 2 });
    const a1 = counter.open("a")!;
    counter.open("a");
    expect(counter.open("a")).toBeNull();
    const b1 = counter.open("b")!;
    expect(counter.open("c")).toBeNull();
    a1();
    a1(); // twice is once
    expect(counter.count()).toBe(2);
    expect(counter.open("a")).not.toBeNull();
    b1();
    expect(counter.count()).toBe(2);
  });
});
