/**
 * The fixed words of a signed retainer, sealed with it (issue 22). At sealing, the messages every
 * copy uses are copied out of the catalogs, in each language a copy speaks, into the sealed record
 * (its consent, which the installation's key signs whole). A signed retainer is then drawn from
 * those sealed messages, never from today's catalogs: a later change of wording cannot change
 * what was signed, and the seal covers exactly what each copy shows.
 *
 * The client's copy speaks the client's language and, where the staff language differs, carries
 * the staff language's words too (the client's first), so both people can read what was signed.
 * The office and case-record copies speak the staff language. Clients' words are never in here.
 *
 * Seals made before this carry no wording: their copies are drawn in English (how they were shown
 * and signed), from the catalog.
 */
import { IntlMessageFormat } from "intl-messageformat";
import { z } from "zod";
import { SOURCE_LANGUAGE, catalogFor, type Direction } from "../i18n/catalogs.ts";
import { labelKey } from "../domain/labels.ts";
import { ACTION_KINDS, ASSESSMENT_TYPES, BARRIER_CATEGORIES, RESPONSIBLE_ROLES, SERVICE_LENGTHS, STRENGTH_ROLES } from "../domain/plan.ts";

export const COPY_KINDS = ["client", "office", "record"] as const;
export type Copy = (typeof COPY_KINDS)[number];

/** The consent notice's points, in order (their English is the notice's wording since 2026-11-1). */
export const NOTICE_KEYS = ["consent.notice.screen", "consent.notice.paper", "consent.notice.withdraw"] as const;

/** Every message a retainer copy, page or PDF, shows. */
export const RETAINER_KEYS: readonly string[] = [
  "language.name",
  "language.dir",
  ...NOTICE_KEYS,
  ...[
    "title",
    "copy.client",
    "copy.office",
    "copy.record",
    "fact.client",
    "fact.planDate",
    "fact.annualReview",
    "fact.service",
    "fact.serviceValue",
    "fact.signedVersion",
    "fact.signedVersionValue",
    "goals",
    "measurable",
    "declined",
    "barriers",
    "strengths",
    "none",
    "actionPlan",
    "checklistCaption",
    "col.goal",
    "col.plan",
    "col.responsible",
    "col.target",
    "col.done",
    "done.yes",
    "done.no",
    "target.ongoing",
    "target.annualReview",
    "commitments",
    "signatures",
    "sig.client",
    "sig.representative",
    "sig.caseManager",
    "sig.drawnAlt",
    "sig.date",
    "sig.onBehalf",
    "sig.signedInAs",
    "sig.drawingMissing",
    "consent",
    "fingerprint",
    "seal.keyed",
    "seal.unkeyed",
    "page",
  ].map((k) => `retainer.${k}`),
  ...SERVICE_LENGTHS.map((c) => labelKey("serviceLength", c)),
  ...ASSESSMENT_TYPES.map((c) => labelKey("assessmentType", c)),
  ...BARRIER_CATEGORIES.map((c) => labelKey("barrierCategory", c)),
  ...STRENGTH_ROLES.map((c) => labelKey("strengthRole", c)),
  ...ACTION_KINDS.map((c) => labelKey("actionKind", c)),
  ...RESPONSIBLE_ROLES.map((c) => labelKey("responsibleRole", c)),
];

/** What a seal records of the words its copies show: which languages each copy speaks, and their messages. */
export interface SealedWording {
  /** Each copy's languages, the first its own (the client's copy: the client's, then the staff's if different). */
  copies: Record<Copy, string[]>;
  /** Per language, the ICU messages as they were at signing. */
  messages: Record<string, Record<string, string>>;
}

/** The sealed wording as read back (it sits in the seal's consent, stored as it was signed). */
export const SealedWordingSchema = z
  .object({
    copies: z.object({ client: z.array(z.string()).min(1), office: z.array(z.string()).min(1), record: z.array(z.string()).min(1) }),
    messages: z.record(z.string(), z.record(z.string(), z.string())),
  })
  .optional();

/** The languages each copy speaks, for a client's and a staff member's language. */
export function copyLanguages(client: string, staff: string): Record<Copy, string[]> {
  return { client: client === staff ? [client] : [client, staff], office: [staff], record: [staff] };
}

/** The wording to seal: today's catalog messages for every language a copy speaks. */
export function wordingToSeal(client: string, staff: string): SealedWording {
  const copies = copyLanguages(client, staff);
  const messages: SealedWording["messages"] = {};
  for (const tag of new Set([client, staff])) {
    const catalog = { ...catalogFor(SOURCE_LANGUAGE)!.messages, ...(catalogFor(tag)?.messages ?? {}) };
    messages[tag] = Object.fromEntries(RETAINER_KEYS.map((k) => [k, catalog[k]]));
  }
  return { copies, messages };
}

/** One language's sealed words: what a copy prints in that language. */
export interface Voice {
  lang: string;
  dir: Direction;
  t(key: string, values?: Record<string, string | number>): string;
}

const formats = new Map<string, IntlMessageFormat>();

/** Words spoken from a set of messages (sealed, or the English catalog's for an older seal). */
export function voiceOf(lang: string, messages: Readonly<Record<string, string>>): Voice {
  const english = catalogFor(SOURCE_LANGUAGE)!.messages;
  return {
    lang,
    dir: messages["language.dir"] === "rtl" ? "rtl" : "ltr",
    t(key, values) {
      // A key the seal lacks (a message added to the retainer after this plan was signed) is said in today's English.
      const pattern = messages[key] ?? english[key];
      if (pattern === undefined) throw new Error(`No retainer message "${key}".`);
      const id = `${lang}\0${pattern}`;
      let f = formats.get(id);
      if (!f) {
        f = new IntlMessageFormat(pattern, lang);
        if (formats.size > 5000) formats.clear();
        formats.set(id, f);
      }
      return String(f.format(values));
    },
  };
}

/** The voices a copy speaks, its own first. */
export function copyVoices(wording: SealedWording | undefined, copy: Copy): Voice[] {
  if (!wording) return [voiceOf(SOURCE_LANGUAGE, catalogFor(SOURCE_LANGUAGE)!.messages)];
  return wording.copies[copy].filter((tag) => wording.messages[tag]).map((tag) => voiceOf(tag, wording.messages[tag]));
}

/** A fixed text as each of a copy's voices says it, the copy's own language first. */
export interface Said {
  lang: string;
  dir: Direction;
  text: string;
}
export const sayAll = (voices: Voice[], key: string, values?: Record<string, string | number>): Said[] =>
  voices.map((v) => ({ lang: v.lang, dir: v.dir, text: v.t(key, values) }));
