/**
 * The language a plan's client reads (issue 22), and the catalog that speaks it. Plans made
 * before clients' languages were recorded are English, as they were shown and signed.
 */
import type { PlanData } from "../domain/plan.ts";
import { SOURCE_LANGUAGE, languageTags } from "./catalogs.ts";
import { matchTag } from "./negotiate.ts";

/** The plan's recorded tag, as recorded (it may name a language Coplan has no catalog for). */
export function clientLanguageOf(data: Pick<PlanData, "setup">): string {
  return data.setup.clientLanguage ?? SOURCE_LANGUAGE;
}

/** The catalog the client's pages speak: their language's, or English if Coplan has none for it. */
export function clientCatalogTag(data: Pick<PlanData, "setup">): string {
  return matchTag(clientLanguageOf(data), languageTags()) ?? SOURCE_LANGUAGE;
}
