/**
 * Is this text English, so that the English wording checks may read it?
 *
 * Two answers, because the checks are of two kinds:
 * - `hasEnglish`: some of it is English. Checks that fire on an English phrase ("I will find …")
 *   may run; words in other languages simply match nothing.
 * - `whollyEnglish`: all of it is. Checks that fire because something is *missing* (no time frame,
 *   nothing measurable) run only then: the missing thing might be said in the other language.
 *
 * The test is deliberately cautious: a short text with no common English word counts as not
 * English, so the checks stay quiet rather than coach someone wrongly.
 */
import { memo } from "./memo.ts";
import { isKeyWord } from "./spelling.ts";
import { isKnownForm } from "./vocabulary.ts";
import { type Token, tokenize } from "./words.ts";

/** Common English words, and words these plans use often. Ambiguous words ("a", "no", "me") are left out. */
const ENGLISH = new Set(
  `the and to of i my me you your we our he she they them his her their it its is are am be been was were will would
  shall can could should must may might do does did not have has had with for from at by about into onto this that these
  those there here what when where who why how want need like get got find keep stay more less some any every all
  again back out up off just also only very really so too than then because if but or able be being help support
  work job home house flat apartment rent money income pay bills debt benefits doctor health school college course
  diploma degree family kids children child friends friend myself better feel things life time week weeks month months
  year years day days next each per until before after within end start stop go going make made take look call see
  new own good bad well enough energy again moved move live living housing sleep food safe safer landlord arrears
  application appointment appointments referral options research tenancy unemployed anxiety depression symptoms
  client case manager services service plan goal goals local free cost low high hours cut lost lose afford cannot
  bank account business nurse care carer mum dad partner neighbours morning night mornings nights confidence lonely
  independent calmer stressed scared worried tired alone`.split(/\s+/),
);

/** Frequent words of other languages written in Latin script (Spanish, French, German, Portuguese, Italian, Dutch). */
const OTHER = new Set(
  `el la los las del que y en un una por para con es mi mis yo su lo se al pero más muy tengo estar ser quiero
  le les des du et je est pas une pour avec dans mon ma mes ne sur au aux qui suis veux être avoir
  der die das und ich nicht ist ein eine mit zu dem mein meine auf für auch sich werde möchte
  não eu com meu minha quero uma il di che è non sono voglio het een ik niet van wil`.split(/\s+/),
);

export interface EnglishReading {
  readonly tokens: readonly Token[];
  readonly hasEnglish: boolean;
  readonly whollyEnglish: boolean;
}

/**
 * Kept only briefly: the checks remember their own small answers (see memo.ts), so tokens are
 * needed again only while the several checks of a new or changed text read it, within one call.
 * A few hundred readings of short texts stay well under a megabyte.
 */
export const readEnglish = memo(readNow, { entries: 256, chars: 32_000 });

function readNow(text: string): EnglishReading {
  const tokens = tokenize(text);
  let english = 0;
  let other = 0;
  let latinWords = 0;
  let latinLetters = 0;
  let otherLetters = 0;
  for (const t of tokens) {
    if (t.script === "number") continue;
    const letters = t.end - t.start;
    if (t.script === "other") {
      otherLetters += letters;
      continue;
    }
    latinLetters += letters;
    latinWords += 1;
    // the checks' own vocabulary (find, finding, found, symptoms, methadone …) counts as English too
    if (ENGLISH.has(t.word) || ENGLISH.has(t.lemma) || isKnownForm(t.word) || isKeyWord(t.word)) english += 1;
    else if (OTHER.has(t.word)) other += 1;
  }
  const hasEnglish = english >= 1 && english > other * 2;
  const whollyEnglish =
    hasEnglish &&
    otherLetters <= 0.1 * (latinLetters + otherLetters) &&
    other * 4 <= english &&
    english >= 0.2 * latinWords;
  return { tokens, hasEnglish, whollyEnglish };
}
