/**
 * Issue 19, item 5 (and the truthful labels of item 10): a refused signature keeps the drawing and
 * the tick, and the message names the one field that is missing. A drawing is echoed back only if
 * it passed the PNG checks (src/signing/signature-image.ts).
 */
import { describe, expect, it } from "vitest";
import { buildApp, get, post, text, type App } from "../helpers/app.ts";
import { planAtReview } from "../helpers/plans.ts";
import { brokenDrawing } from "../helpers/broken-drawing.ts";
import type { PlanStore } from "../../src/store/plan-store.ts";

const DRAWING = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";
const rev = async (store: PlanStore, id: string) => String((await store.get(id))!.rev);

async function atSigning(app: App, store: PlanStore, ownerId: string) {
  const plan = await planAtReview(store, ownerId);
  expect((await post(app, `/plans/${plan.id}/next`, { rev: await rev(store, plan.id) })).status).toBe(303);
  expect((await post(app, `/plans/${plan.id}/consent`, { rev: await rev(store, plan.id), agreeClient: "yes", agreeCaseManager: "yes" })).status).toBe(303);
  return plan.id;
}

describe("a refused signature", () => {
  it.each([false, true])("keeps the drawing and the tick when the typed name is missing, and says so (htmx: %s)", async (htmx) => {
    const { app, store, user } = await buildApp();
    const id = await atSigning(app, store, user.id);
    const res = await post(app, `/plans/${id}/sign`, { rev: await rev(store, id), party: "client", typedName: "", image: DRAWING, agree: "yes" }, { htmx });
    expect(res.status).toBe(422);
    const html = text(await res.text());
    expect(html).toContain(`name="image" value="${DRAWING}"`);
    expect(html).toMatch(/name="agree" value="yes" required checked/);
    expect(html).toContain("The drawing is kept. Type the full name here as well");
    // The message sits on the name field, which says it is needed.
    expect(html).toMatch(/<label for="sign-client-typedName">Type the full name to sign<\/label>\s*<p class="error-message" id="sign-client-typedName-error">/);
  });

  it("never echoes a broken or oversized drawing back into the page", async () => {
    const { app, store, user } = await buildApp();
    const id = await atSigning(app, store, user.id);
    for (const image of [brokenDrawing(), `data:image/png;base64,${"A".repeat(300_000)}`, "data:image/png;base64,!!!"]) {
      const res = await post(app, `/plans/${id}/sign`, { rev: await rev(store, id), party: "client", typedName: "", image, agree: "yes" });
      expect(res.status).toBe(422);
      const html = await res.text();
      expect(html).toContain('name="image" value=""');
      expect(html.length).toBeLessThan(200_000);
    }
  });

  it("labels no field “(optional)” that signing then requires", async () => {
    const { app, store, user } = await buildApp();
    const id = await atSigning(app, store, user.id);
    const html = text(await (await get(app, `/plans/${id}`)).text());
    expect(html).toMatch(/<label for="sign-client-typedName">Type the full name to sign<\/label>/);
    const signForm = html.slice(html.indexOf('action="/plans/' + id + '/sign"'));
    expect(signForm.slice(0, signForm.indexOf("</form>"))).not.toContain("(optional)");
    // A representative's two fields are needed together, and the form says so.
    const rep = await post(app, `/plans/${id}/sign`, { rev: await rev(store, id), party: "client", typedName: "Layla Haddad", repName: "Layla Haddad", agree: "yes" });
    expect(rep.status).toBe(422);
    expect(text(await rep.text())).toContain("Say how the representative is related to the client.");
  });

  it("does not call an action's date optional: it is needed whenever a date is the chosen target", async () => {
    const { app, store, user } = await buildApp();
    const plan = await planAtReview(store, user.id);
    const html = text(await (await get(app, `/plans/${plan.id}/actions/a6/edit`)).text());
    expect(html).toMatch(/Date, if a date was chosen<\/label>/);
  });
});
