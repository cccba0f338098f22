/**
 * Labels of coded values (a barrier's category, a strength's role, a service length …) are catalog
 * messages, `labels.<set>.<code>` (locales/README.md): `labelKey("barrierCategory", "housing")`,
 * shown with `t()` in the reader's language. The code itself is what plans store.
 *
 * The English maps below (`BARRIER_CATEGORY_LABELS` …) are read from the English catalog, so the
 * words live in one place. They serve only what speaks English on purpose: the FHIR export's
 * display texts (a data format, not a page). Everything a person reads uses the keys.
 */
import { SOURCE_LANGUAGE, catalogFor } from "../i18n/catalogs.ts";
import { type Msg, msg } from "../i18n/translator.ts";
import {
  ACTION_KINDS,
  ACTION_STATUSES,
  ASSESSMENT_TYPES,
  BARRIER_CATEGORIES,
  RESPONSIBLE_ROLES,
  SERVICE_LENGTHS,
  STRENGTH_ROLES,
} from "./plan.ts";

const SETS = {
  serviceLength: SERVICE_LENGTHS,
  assessmentType: ASSESSMENT_TYPES,
  barrierCategory: BARRIER_CATEGORIES,
  strengthRole: STRENGTH_ROLES,
  actionKind: ACTION_KINDS,
  responsibleRole: RESPONSIBLE_ROLES,
  actionStatus: ACTION_STATUSES,
} as const;
export type LabelSet = keyof typeof SETS;
export type Code<S extends LabelSet> = (typeof SETS)[S][number];

/** The catalog key of a coded value's label. */
export const labelKey = <S extends LabelSet>(set: S, code: Code<S>): string => `labels.${set}.${code}`;

/** The label as a Msg, for pure logic that hands words to a page. */
export const label = <S extends LabelSet>(set: S, code: Code<S>): Msg => msg(labelKey(set, code));

/** Every code of a set with its label's key, in the set's order: a form's options. */
export const labelOptions = <S extends LabelSet>(set: S): [Code<S>, string][] => SETS[set].map((code: Code<S>) => [code, labelKey(set, code)]);

function english<S extends LabelSet>(set: S): Record<Code<S>, string> {
  const messages = catalogFor(SOURCE_LANGUAGE)!.messages;
  return Object.fromEntries(SETS[set].map((code: Code<S>) => [code, messages[labelKey(set, code)]])) as Record<Code<S>, string>;
}

export const BARRIER_CATEGORY_LABELS = english("barrierCategory");
export const STRENGTH_ROLE_LABELS = english("strengthRole");
export const ACTION_KIND_LABELS = english("actionKind");
export const RESPONSIBLE_ROLE_LABELS = english("responsibleRole");
