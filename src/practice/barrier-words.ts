/**
 * The words that point to each barrier category, as a person says them. Each cue is matched on
 * word stems (Porter, via the `stemmer` package), so "evicted", "eviction" and "evicting" are one
 * cue, and "care for" covers "cares for" and "caring for".
 *
 * How a cue counts:
 * - "any": whatever is around it ("I don't have a car" is still about the car);
 * - "affirmed": only when not negated ("debt", but not "I'm not in debt");
 * - "absent": only when something is missing, since that is what makes it a barrier ("no GP",
 *   "can't pay", "my psychiatrist left"), never "I have a doctor who helps".
 * A cue written "=word" matches that exact word, not its stem: "=hearing" is a court hearing, while
 * "hear" is not.
 * Weights: 3 for words that name the category on their own (eviction, court, interpreter), 2 for
 * ordinary cues, 1 for words that only lean that way (rent, read).
 */
import type { Barrier } from "../domain/plan.ts";

export type Category = Exclude<Barrier["category"], "other">;
export type CueKind = "any" | "affirmed" | "absent";

export interface CueSpec {
  category: Category;
  kind: CueKind;
  weight: number;
  words: string;
}

/** One line per group: category, kind, weight, then cues separated by commas. */
export const CUE_TABLE: readonly CueSpec[] = [
  // Money: income that does not cover costs, debts and arrears, bills, lost benefits, deposits.
  { category: "financial-insecurity", kind: "affirmed", weight: 3, words: "debt, debts, arrears, in arrears, owe, overdraft, loan shark, bailiff, bailiffs, sanction, sanctioned, payday loan, food bank, poverty, broke, bankrupt, repossess, cut off" },
  { category: "financial-insecurity", kind: "affirmed", weight: 2, words: "behind on, behind with, low income, low wage, low pay, hours cut, hours were cut, hours got cut, lost my job, lost her job, lost his job, unemployed, out of work, money problems, short of money, short on money, benefits stopped, benefit stopped, lost * benefits, lost * benefit, stopped * benefits, unpaid, bill, bills, council tax, cheque, wage, wages, pension, income, deposit, loan, loans, cost of living, money, struggle to pay, struggle with money, too expensive, universal credit, esa, pip, jsa, jobseeker, tax credits, housing benefit, child benefit, benefit, benefits, skint, prepayment, meter, top up, gas bill, electric bill, payslip" },
  { category: "financial-insecurity", kind: "any", weight: 2, words: "no money, not enough money, no income, not cover, not stretch, not last, not make ends meet, not been paid, not paid, not * paid" },
  { category: "financial-insecurity", kind: "absent", weight: 1, words: "pay, afford, cover" },
  { category: "financial-insecurity", kind: "affirmed", weight: 1, words: "expensive, cost, costs" },
  // Health supports: no doctor or prescriber, medication stopped for want of one, no therapist, waiting lists, no one in a crisis.
  { category: "lack-of-health-supports", kind: "absent", weight: 3, words: "doctor, gp, family doctor, prescriber, psychiatrist, therapist, counsellor, counselor, support worker, key worker, nurse, mental health team, crisis team, crisis line, prescription, medication, meds, treatment, therapy, counselling, health visitor, community team" },
  { category: "lack-of-health-supports", kind: "any", weight: 3, words: "no one to prescribe, nobody to prescribe, no one to call, nobody to call, no one to talk to, nobody to talk to, no one to turn to, nobody to turn to, no one to help, nobody to help, no support, no supports, not have anyone, no one to ring, nobody to ring, waiting list, wait list, waitlist, ran out of, run out of, off my meds, off my medication, stopped my medication, stopped my meds, stopped taking, discharged, untreated, never gave me, nobody i can talk to, no one i can talk to, nobody i can turn to, no one i can turn to, nobody i can call, no one i can call, not take new patients, not taking new patients" },
  { category: "lack-of-health-supports", kind: "affirmed", weight: 2, words: "voices, symptoms, symptom, mental health, mental illness, hearing voices, panic attack, panic attacks, relapse, crisis, isolated, all alone, unwell, breakdown" },
  { category: "lack-of-health-supports", kind: "affirmed", weight: 1, words: "depression, anxiety, ptsd, psychosis, bipolar, illness, ill" },
  // Transportation: no bus, no car, the fare, no licence, too far.
  { category: "transportation", kind: "any", weight: 2, words: "bus, buses, car, van, train, trains, taxi, taxis, fare, fares, bus fare, train fare, bus pass, licence, license, driving licence, driving license, lift, transport, public transport, broke down, breaks down, petrol, bike, bicycle, travel, journey, each way, too far, miles away, no way to get, get a lift" },
  { category: "transportation", kind: "absent", weight: 2, words: "drive, get there" },
  { category: "transportation", kind: "any", weight: 1, words: "walk, hour walk, nearest" },
  // Childcare or caregiving: nobody to watch the children, caring for a parent or partner.
  { category: "childcare-caregiving", kind: "any", weight: 2, words: "childcare, child care, childminder, nursery, babysitter, babysit, babysitting, creche, kids, children, child, baby, toddler, grandson, granddaughter, twins, newborn, little ones, grandchildren, grandkids, school run, look after, looking after, care for, carer, caregiver, caring for, full time carer, single dad, single mum, single mom, single parent, lone parent, under five, under fives, mind the, needs me there, can not be left, can not leave, cannot be left alone, on my own with" },
  // Legal: courts, hearings, probation, immigration papers.
  { category: "legal", kind: "any", weight: 3, words: "court, court date, =hearing, =hearings, probation, parole, bail, solicitor, lawyer, attorney, legal aid, immigration, visa, asylum, home office, right to work, leave to remain, settled status, deportation, deported, conviction, criminal record, police, injunction, restraining order, custody, tribunal, appeal, appealing, charged with, offence, sentenced, warrant, arrest, arrested" },
  // Language or literacy: reading, writing, English, an interpreter.
  { category: "language-literacy", kind: "any", weight: 3, words: "english, interpreter, translator, translate, translation, dyslexia, dyslexic, literacy, illiterate, reading, writing, spelling, read or write, read and write, only speak, only speaks, not speak, language, languages" },
  { category: "language-literacy", kind: "absent", weight: 3, words: "read, write, understand the forms, understand the letters, understand them, fill in forms, fill in the forms" },
  // Housing: the home itself, at risk or unfit.
  { category: "housing", kind: "any", weight: 3, words: "homeless, homelessness, evict, eviction, evicted, eviction notice, section 21, notice to quit, sofa surfing, sofa surf, sofa surfer, hostel, no fixed address, overcrowded, overcrowding, mould, mold, damp, rough sleeping, sleeping rough, sleep rough, shelter, temporary accommodation, unsafe, repossession, b b, bed and breakfast, cooking facilities" },
  { category: "housing", kind: "any", weight: 2, words: "wants us out, wants me out, wants us gone, wants me gone, kicked out, thrown out, asked to leave, nowhere to go, staying with, staying at, notice to leave, ceiling, leak, leaking, boiler, no heating, no hot water, rats, mice, cockroaches, pests, bed bugs, landlord, landlady, lease, tenancy, repairs, wiring, infestation, housing, place to live, somewhere to live, nowhere to live, nowhere to stay, one bedroom, bedsit" },
];

/**
 * Tie-break for equal scores: the more specific help first. A court date or an unsafe flat needs
 * its own kind of help even when money is part of the story; money is the most general barrier.
 */
export const PRIORITY: readonly Category[] = [
  "legal", "housing", "lack-of-health-supports", "language-literacy", "childcare-caregiving", "transportation", "financial-insecurity",
];
