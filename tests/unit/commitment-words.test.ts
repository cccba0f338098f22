/** Issue 19, item 10: the commitment drafted from an action keeps the typed words, their own full stops included. */
import { describe, expect, it } from "vitest";
import { draftCommitment } from "../../machines/commitment.ts";
import { type Action, PlanDataSchema } from "../../src/domain/plan.ts";
import { ACTION, SETUP } from "../fixtures.ts";

const plan = PlanDataSchema.parse({ setup: SETUP, goals: [], declined: [], barriers: [], strengths: [], actions: [] });
const draft = (description: string, role: Action["responsible"]["role"] = "client") =>
  draftCommitment({ ...ACTION("g1"), id: "a1", status: "not-started", description, responsible: { role } } as Action, plan);

describe("a drafted commitment keeps the typed words", () => {
  it.each([
    ["Meet the housing officer at 9 a.m.", "I, the client, will meet the housing officer at 9 a.m. by 2026-12-15."],
    ["Bring payslips, bank letters etc.", "I, the client, will bring payslips, bank letters etc. by 2026-12-15."],
    ["Go to the clinic on Main St.", "I, the client, will go to the clinic on Main St. by 2026-12-15."],
    ["Call the U.S.", "I, the client, will call the U.S. by 2026-12-15."],
  ])("keeps the full stop that is part of “%s”", (typed, expected) => {
    expect(draft(typed)).toBe(expected);
  });

  it("lets only a sentence's own closing mark give way to the date that now ends it", () => {
    expect(draft("Phone the GP.")).toBe("I, the client, will phone the GP by 2026-12-15.");
    expect(draft("Phone the GP!")).toBe("I, the client, will phone the GP by 2026-12-15.");
  });
});

describe("a drafted commitment speaks the client's language (issue 22)", () => {
  const inLanguage = (clientLanguage: string | undefined) => PlanDataSchema.parse({ setup: { ...SETUP, clientLanguage }, goals: [], declined: [], barriers: [], strengths: [], actions: [] });
  const drafted = (clientLanguage: string | undefined, description: string, responsible: Action["responsible"] = { role: "client" }, targetDate: Action["targetDate"] = { kind: "date", date: "2026-12-15" }) =>
    draftCommitment({ ...ACTION("g1"), id: "a1", status: "not-started", description, responsible, targetDate } as Action, inLanguage(clientLanguage));

  it.each([
    ["es", "Llamar a la oficina de vivienda", "Yo, la persona usuaria, me comprometo a llamar a la oficina de vivienda a más tardar el 2026-12-15."],
    ["ar", "الاتصال بمكتب الإسكان", "أنا، العميل، ألتزم بما يلي: الاتصال بمكتب الإسكان، في موعد أقصاه 2026-12-15."],
    ["zh-Hans", "给住房办公室打电话", "我（服务对象）将给住房办公室打电话，于2026-12-15前完成。"],
    [undefined, "Call the housing office", "I, the client, will call the housing office by 2026-12-15."],
    ["fr", "Call the housing office", "I, the client, will call the housing office by 2026-12-15."],
  ])("in %s the fixed words are the catalog's, the typed words as typed", (lang, typed, expected) => {
    expect(drafted(lang, typed)).toBe(expected);
  });

  it("names the responsible person as typed, with their role in the client's language", () => {
    expect(drafted("es", "Acompañar a la cita", { role: "other-support", name: "María José" }, { kind: "ongoing" })).toBe(
      "María José (otro apoyo) se compromete a acompañar a la cita de forma continua, y se revisará en la revisión anual.",
    );
    expect(drafted("zh-Hans", "陪同就诊 3 次", { role: "family", name: "王芳" }, { kind: "annual-review" })).toBe("王芳（家人）将陪同就诊 3 次，于2027-11-24年度复核前完成。");
  });
});
