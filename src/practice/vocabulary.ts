/**
 * The small English vocabulary behind words.ts: contractions, misspellings people often type, and
 * the inflections of the verbs and nouns the checks look for. Inflections are generated from a
 * base form rather than stripped from any word, so "housing" never becomes "hous".
 */

import { addKeyWords } from "./spelling.ts";

/** Maps, not plain objects: a word such as "constructor" must not find Object.prototype's. */
export const CONTRACTIONS: ReadonlyMap<string, readonly string[]> = new Map(Object.entries({
  "won't": ["will", "not"],
  wont: ["will", "not"],
  "can't": ["can", "not"],
  cant: ["can", "not"],
  cannot: ["can", "not"],
  "shan't": ["shall", "not"],
  "ain't": ["is", "not"],
  dont: ["do", "not"],
  doesnt: ["does", "not"],
  didnt: ["did", "not"],
  isnt: ["is", "not"],
  arent: ["are", "not"],
  wasnt: ["was", "not"],
  werent: ["were", "not"],
  wouldnt: ["would", "not"],
  couldnt: ["could", "not"],
  shouldnt: ["should", "not"],
  havent: ["have", "not"],
  hasnt: ["has", "not"],
  im: ["i", "am"],
  ive: ["i", "have"],
  youll: ["you", "will"],
  theyll: ["they", "will"],
  itll: ["it", "will"],
}));

/** Misspelling -> spelling. Inflected misspellings ("garanteed") are handled in words.ts. */
export const MISSPELLINGS: ReadonlyMap<string, string> = new Map(Object.entries({
  garantee: "guarantee",
  gaurantee: "guarantee",
  guarentee: "guarantee",
  garuntee: "guarantee",
  guarante: "guarantee",
  gurantee: "guarantee",
  guarrantee: "guarantee",
  gaurentee: "guarantee",
  garentee: "guarantee",
  guaruntee: "guarantee",
  definately: "definitely",
  definatly: "definitely",
  defenitely: "definitely",
  definitly: "definitely",
  deffinitely: "definitely",
  definetly: "definitely",
  recieve: "receive",
  reciept: "receipt",
  acheive: "achieve",
  beleive: "believe",
  untill: "until",
  tommorow: "tomorrow",
  tomorow: "tomorrow",
  reseach: "research",
  reserch: "research",
  resarch: "research",
  refferal: "referral",
  referal: "referral",
  accomodation: "accommodation",
  appartment: "apartment",
  goverment: "government",
  docter: "doctor",
  doctr: "doctor",
  symtoms: "symptoms",
  symptons: "symptoms",
  sympotms: "symptoms",
  anxeity: "anxiety",
  anxity: "anxiety",
  anxiaty: "anxiety",
  depresion: "depression",
  finacial: "financial",
  financal: "financial",
  beter: "better",
  sercure: "secure",
  secrue: "secure",
  ensrue: "ensure",
  immediatly: "immediately",
  imediately: "immediately",
  diplomma: "diploma",
  univercity: "university",
  collage: "college",
}));

/** Past forms that do not follow -ed. */
const IRREGULAR: Readonly<Record<string, readonly string[]>> = {
  find: ["found"],
  get: ["got", "gotten"],
  make: ["made"],
  feel: ["felt"],
  be: ["am", "is", "are", "was", "were", "been", "being"],
  have: ["has", "had", "having"],
  keep: ["kept"],
  see: ["saw", "seen"],
  pay: ["paid"],
  buy: ["bought"],
  begin: ["began", "begun"],
  become: ["became"],
  go: ["went", "gone"],
  do: ["did", "done"],
  take: ["took", "taken"],
  lose: ["lost"],
  hear: ["heard"],
  give: ["gave", "given"],
  fight: ["fought"],
  beat: ["beaten"],
  learn: ["learnt"],
  sleep: ["slept"],
  spend: ["spent"],
  hold: ["held"],
  meet: ["met"],
  bring: ["brought"],
  drive: ["drove", "driven"],
  cut: [],
  set: [],
  quit: [],
  put: [],
};

/** Verbs that double their last consonant: "getting", "stopped", "enrolled". */
const DOUBLES = new Set(["get", "stop", "plan", "begin", "set", "cut", "commit", "enrol", "control", "refer", "quit", "put", "fit", "travel"]);

const VERBS = [
  ...Object.keys(IRREGULAR),
  "secure", "guarantee", "ensure", "assure", "promise", "commit", "obtain", "provide", "arrange", "fix", "sort",
  "reduce", "decrease", "lower", "lessen", "manage", "control", "treat", "cure", "overcome", "eliminate", "ease",
  "relieve", "heal", "stop", "tackle", "minimise", "minimize", "improve", "diagnose", "prescribe", "adjust", "change",
  "help", "support", "assist", "maintain", "continue", "practise", "practice", "sustain", "retain", "carry",
  "apply", "attend", "enrol", "enroll", "register", "complete", "finish", "submit", "sign", "move", "save", "open",
  "start", "join", "book", "call", "visit", "pass", "earn", "return", "research", "refer", "connect", "contact",
  "explore", "look", "enquire", "inquire", "plan", "qualify", "own", "afford", "try", "aim", "hope", "want",
  "need", "offer", "check", "follow", "work", "live", "stay", "remain", "claim", "receive", "collect", "renew",
  "fill", "enjoy", "concentrate", "cope", "struggle", "owe", "evict", "cover", "budget", "walk", "cook", "clean",
  "reach", "talk", "raise", "increase", "graduate", "study", "train", "retrain", "achieve",
  "fit", "travel", "use", "land", "gain",
];

/** Nouns whose plural the checks should read as the singular. */
const NOUNS = [
  "symptom", "doctor", "therapist", "counsellor", "counselor", "bill", "debt", "arrear", "benefit", "wage", "skill",
  "routine", "habit", "attack", "voice", "craving", "year", "month", "week", "day", "hour", "time", "session",
  "visit", "option", "referral", "job", "form", "detail", "contact", "number", "appointment", "step", "thing",
  "nightmare", "flashback", "medication", "med", "payment", "fee", "loan", "friend", "support", "course", "class",
  "degree", "diploma", "certificate", "qualification", "application", "pill", "need",
];

/** The third person of a verb: goes, tries, finds, has, is. */
export function thirdPerson(base: string): string {
  if (base === "be") return "is";
  if (base === "have") return "has";
  if (/(s|x|z|ch|sh|o)$/.test(base)) return base + "es";
  if (/[^aeiou]y$/.test(base)) return base.slice(0, -1) + "ies";
  return base + "s";
}

function inflections(base: string): string[] {
  const forms = new Set([base, ...(IRREGULAR[base] ?? [])]);
  const stem = DOUBLES.has(base) ? base + base.at(-1) : base;
  forms.add(base === "be" || base === "have" ? base : thirdPerson(base)); // "bes" is no word; "is" and "has" are in IRREGULAR
  // -ing: making, tying, getting, seeing
  if (base.endsWith("ie")) forms.add(base.slice(0, -2) + "ying");
  else if (/[^aeiouy]e$/.test(base) || /[^e]ue$/.test(base)) forms.add(base.slice(0, -1) + "ing");
  else forms.add(stem + "ing");
  // -ed: secured, tried, stopped (not for irregular verbs: "be" would give "bed")
  if (IRREGULAR[base]) return [...forms];
  if (base.endsWith("e")) forms.add(base + "d");
  else if (/[^aeiou]y$/.test(base)) forms.add(base.slice(0, -1) + "ied");
  else forms.add(stem + "ed");
  return [...forms];
}

function plurals(base: string): string[] {
  if (/(s|x|z|ch|sh)$/.test(base)) return [base, base + "es"];
  if (/[^aeiou]y$/.test(base)) return [base, base.slice(0, -1) + "ies"];
  return [base, base + "s"];
}

addKeyWords([...VERBS, ...NOUNS, ...MISSPELLINGS.values()]);

const LEMMAS: ReadonlyMap<string, string> = (() => {
  const map = new Map<string, string>();
  for (const n of NOUNS) for (const form of plurals(n)) map.set(form, n);
  // Verbs win over nouns for shared forms ("needs", "visits"): the checks read both the same way.
  for (const v of VERBS) for (const form of inflections(v)) map.set(form, v);
  return map;
})();

/** A word the vocabulary knows as it is: an inflection of one of its verbs or nouns. */
export function isKnownForm(word: string): boolean {
  return LEMMAS.has(word);
}

export function lemmaOf(word: string): string {
  return LEMMAS.get(word) ?? word;
}
