/**
 * Is a text English, another language, or can nobody tell from it? The wording checks read English
 * only (language.ts decides which of their checks may run); this answers the other question: may
 * Coplan say it *could not* check the words? Saying so about an English text would be wrong, and
 * so would passing a Spanish goal in silence (issue 22).
 *
 * Evidence, in order:
 * - script: letters mostly outside the Latin script (Arabic, Han, Cyrillic …) are not English;
 * - in Latin script, common words: English ones ("the", "will", "my") against those of languages
 *   clients often write in (Spanish, French, Portuguese, German …), and letters English does not
 *   use (ñ, é, ç, ß).
 * A short or mixed text gives too little evidence either way and counts as "unknown". Only then
 * does the plan's recorded client language decide (see `cannotRead`). Pure.
 */
import { SOURCE_LANGUAGE } from "../i18n/catalogs.ts";
import { memo } from "./memo.ts";

export type TextLanguage = "en" | "other" | "unknown";

/** English words that no other language clients often write in spells the same way. */
const ENGLISH = new Set(
  `i the and of my you your we our he she they them his her their it its is are am be been was were will would shall can
  could should must have has had with for from at by about this that these those what when where who why how want need
  get find keep stay help work job home house flat rent money pay bills doctor health school children kids family
  better feel time week month year day next each every until before after going make take look call new own more less
  some any all also only very just not don't can't won't i'm i'll i've it's to up out off back into`.split(/\s+/),
);

/** Common words of other Latin-script languages that English never uses. */
const OTHER = new Set(
  `el la los las del que y en un una unos unas por para con es mi mis yo su sus lo al pero más muy tengo tiene estar
  estoy está ser soy quiero quisiera necesito puedo hijos hija hijo trabajo casa dinero ayuda buscar encontrar vivienda
  mejor alquiler médico escuela familia semana mes año antes después cada sin sobre hasta cuando donde como también
  le les des du et je est pas une pour avec dans mon ma mes ne sur au aux qui suis veux être avoir travail maison
  der die das und ich nicht ist ein eine mit zu dem mein meine auf für auch sich werde möchte arbeit wohnung
  não eu com meu minha quero uma você trabalho também il di che è non sono voglio het een ik niet van wil`.split(/\s+/),
);

/** Letters English does not write, common in the other languages clients write in Latin script. */
const FOREIGN_LETTERS = /[ñáéíóúüàèìòùâêîôûçãõßäöœ¿¡]/iu;
const LETTER = /\p{L}/u;
const LATIN = /\p{Script=Latin}/u;
const WORD = /[\p{L}\p{M}]+(?:['’][\p{L}\p{M}]+)*/gu;

/** Fewer letters than this in another script is too short to tell ("家", "ok"). */
const MIN_SCRIPT_LETTERS = 2;
/** Fewer telling words than this is too short to tell. */
const MIN_WORDS = 2;

export const textLanguage = memo((text: string): TextLanguage => {
  let latin = 0;
  let other = 0;
  for (const ch of text) {
    if (!LETTER.test(ch)) continue;
    if (LATIN.test(ch)) latin++;
    else other++;
  }
  if (other >= MIN_SCRIPT_LETTERS && other > latin) return "other";
  let english = 0;
  let foreign = 0;
  for (const [w] of text.toLowerCase().matchAll(WORD)) {
    const word = w.replace(/’/g, "'");
    if (ENGLISH.has(word)) english++;
    else if (OTHER.has(word) || FOREIGN_LETTERS.test(word)) foreign++;
  }
  if (english >= MIN_WORDS && english >= 2 * foreign) return "en";
  if (foreign >= MIN_WORDS && foreign >= 2 * english) return "other";
  return "unknown";
}, { entries: 512 });

/** Whether a BCP 47 tag names English ("en", "en-GB"); no tag is English, as plans made before the setting were. */
export function isEnglishTag(tag: string | undefined): boolean {
  return (tag ?? SOURCE_LANGUAGE).toLowerCase().split("-")[0] === SOURCE_LANGUAGE;
}

/**
 * Whether the English wording checks could not read this text: it is in another language, or it
 * cannot be told and the client's language (the plan's hint) is not English. `readsAsEnglish` is
 * what the checks themselves found (language.ts): a text they read as English is never "unread".
 */
export function cannotRead(text: string, clientLanguage: string | undefined, readsAsEnglish: boolean): boolean {
  if (text.trim() === "") return false;
  const lang = textLanguage(text);
  if (lang === "other") return true;
  return lang === "unknown" && !readsAsEnglish && !isEnglishTag(clientLanguage);
}
