/**
 * One copy of the retainer in words: every fixed text as the copy's languages say it (the copy's
 * own first; the client's copy adds the staff language's when it differs), and the people's own
 * words exactly as typed. The HTML page (views/retainer/copy.eta) and the PDF both draw this.
 */
import type { Direction } from "../i18n/catalogs.ts";
import { labelKey } from "../domain/labels.ts";
import type { Signature } from "../domain/signature.ts";
import type { Retainer } from "./retainer.ts";
import { type Copy, copyVoices, type Said, sayAll, type Voice } from "./retainer-words.ts";

export type { Said } from "./retainer-words.ts";

/** A value: words as typed (a name, a date, a client's words), or fixed words in the copy's languages. */
export type Shown = string | Said[];

export interface CopyText {
  copy: Copy;
  /** The copy's own language and direction. */
  lang: string;
  dir: Direction;
  label: Said[];
  title: Said[];
  facts: { name: Said[]; value: Shown }[];
  heading: Record<"goals" | "declined" | "barriers" | "strengths" | "actionPlan" | "commitments" | "signatures" | "checklistCaption", Said[]>;
  measurable: Said[];
  none: Said[];
  columns: Said[][];
  goals: Retainer["goals"];
  declined: Retainer["declined"];
  barriers: { words: string; category: Said[]; goal: string }[];
  strengths: { words: string; role: Said[] }[];
  rows: { goal: string; kind: Said[]; description: string; responsible: Said[]; name?: string; target: Shown; done: boolean; doneText: Said[] }[];
  commitments: string[];
  signatures: {
    label: Said[];
    name: string;
    typedName?: string;
    image?: string;
    /** The drawing's alternative text, in the copy's own language (an attribute holds one language). */
    imageAlt: string;
    date: Said[];
    note?: Said[];
  }[];
  /** The consent, fingerprint and seal sentence under the signatures. */
  consent: Said[];
  fingerprint: Said[];
  sealLine: Said[];
  drawingMissing: Said[];
  contentHash: string;
  voices: Voice[];
}

function signatureLabel(say: (key: string, values?: Record<string, string>) => Said[], s: Signature): Said[] {
  if (s.party !== "client") return say("retainer.sig.caseManager");
  return s.representative ? say("retainer.sig.representative", { relationship: s.representative.relationship }) : say("retainer.sig.client");
}

/** Who gave a signature, where the signer's name alone does not say it. */
function signatureNote(say: (key: string, values?: Record<string, string>) => Said[], s: Signature): Said[] | undefined {
  if (s.onBehalfOf && s.account) {
    return say("retainer.sig.onBehalf", { name: s.account.displayName, username: s.account.username, owner: s.onBehalfOf.displayName, ownerUsername: s.onBehalfOf.username });
  }
  if (s.party === "case-manager" && s.account) return say("retainer.sig.signedInAs", { name: s.account.displayName, username: s.account.username });
  return undefined;
}

export function copyText(r: Retainer, copy: Copy): CopyText {
  const voices = copyVoices(r.wording, copy);
  const own = voices[0];
  const say = (key: string, values?: Record<string, string | number>) => sayAll(voices, key, values);
  const label = (set: Parameters<typeof labelKey>[0], code: string) => say(labelKey(set, code as never));
  const service = voices.map((v) => ({
    lang: v.lang,
    dir: v.dir,
    text: v.t("retainer.fact.serviceValue", { length: v.t(labelKey("serviceLength", r.serviceLength)), type: v.t(labelKey("assessmentType", r.assessmentType)).toLocaleLowerCase(v.lang) }),
  }));
  return {
    copy,
    lang: own.lang,
    dir: own.dir,
    label: say(`retainer.copy.${copy}`),
    title: say("retainer.title"),
    facts: [
      { name: say("retainer.fact.client"), value: r.client + (r.pronouns ? ` (${r.pronouns})` : "") },
      { name: say("retainer.fact.planDate"), value: r.planDate },
      { name: say("retainer.fact.annualReview"), value: r.annualReviewDate },
      { name: say("retainer.fact.service"), value: service },
      { name: say("retainer.fact.signedVersion"), value: say("retainer.fact.signedVersionValue", { version: r.version, date: r.sealedDay }) },
    ],
    heading: {
      goals: say("retainer.goals"),
      declined: say("retainer.declined"),
      barriers: say("retainer.barriers"),
      strengths: say("retainer.strengths"),
      actionPlan: say("retainer.actionPlan"),
      commitments: say("retainer.commitments"),
      signatures: say("retainer.signatures"),
      checklistCaption: say("retainer.checklistCaption"),
    },
    measurable: say("retainer.measurable"),
    none: say("retainer.none"),
    columns: ["goal", "plan", "responsible", "target", "done"].map((c) => say(`retainer.col.${c}`)),
    goals: r.goals,
    declined: r.declined,
    barriers: r.barriers.map((b) => ({ words: b.words, category: label("barrierCategory", b.category), goal: b.goal })),
    strengths: r.strengths.map((s) => ({ words: s.words, role: label("strengthRole", s.role) })),
    rows: r.rows.map((row) => ({
      goal: row.goal,
      kind: label("actionKind", row.kind),
      description: row.description,
      responsible: label("responsibleRole", row.role),
      name: row.name,
      target:
        row.target.kind === "date"
          ? row.target.date
          : row.target.kind === "ongoing"
            ? say("retainer.target.ongoing")
            : say("retainer.target.annualReview", { date: r.annualReviewDate }),
      done: row.done,
      doneText: say(row.done ? "retainer.done.yes" : "retainer.done.no"),
    })),
    commitments: r.commitments,
    signatures: r.signatures.map((s) => ({
      label: signatureLabel(say, s),
      name: s.name,
      typedName: s.typedName,
      image: s.image,
      imageAlt: own.t("retainer.sig.drawnAlt", { name: s.name }),
      date: say("retainer.sig.date", { date: s.date }),
      note: signatureNote(say, s),
    })),
    consent: say("retainer.consent", { version: r.consent.noticeVersion, at: r.consent.at.slice(0, 16).replace("T", " ") }),
    fingerprint: say("retainer.fingerprint"),
    sealLine: r.seal.scheme === "keyed" ? say("retainer.seal.keyed", { keyId: r.seal.keyId ?? "" }) : say("retainer.seal.unkeyed"),
    drawingMissing: say("retainer.sig.drawingMissing"),
    contentHash: r.contentHash,
    voices,
  };
}

/** Said in one line of plain text: the copy's own words first, then the others' (" / "). */
export const plain = (shown: Shown): string => (typeof shown === "string" ? shown : shown.map((s) => s.text).join(" / "));
