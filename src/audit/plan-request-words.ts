/**
 * What a request for a plan did, in words a supervisor reading the audit log understands ("Viewed
 * the plan", "Saved an answer at goals"), instead of the route pattern that served it
 * ("POST /plans/:id/:kind 303"). Pure: the route pattern, its parameters and the status in, a
 * sentence out. Only the step's name goes in from the address, never anything typed.
 */
const STEPS = new Set(["setup", "goals", "declined", "barriers", "strengths", "actions", "commitments"]);

/** GET routes, by the pattern's tail after /plans/:id. */
const VIEWS: Record<string, string> = {
  "": "Viewed the plan",
  "/progress": "Viewed the progress page",
  "/handover": "Viewed the handover summary",
  "/changes": "Viewed what changed since the last version",
  "/retainer": "Viewed the signed retainer",
  "/retainer.pdf": "Downloaded the signed retainer (PDF)",
  "/scorecard": "Viewed the training scorecard",
  "/setup/edit": "Opened the plan's details to change them",
};

/** POST routes, by the pattern's tail after /plans/:id. */
const CHANGES: Record<string, string> = {
  "/setup": "Changed the plan's details",
  "/next": "Went on to the next step",
  "/goto": "Went to another step",
  "/commitments": "Saved the commitment wording",
  "/consent": "Recorded consent to sign on screen",
  "/sign": "Signed the plan",
  "/review-links": "Made a review link for the client",
  "/review-links/:linkId/revoke": "Turned off a review link",
  "/progress/actions/:actionId": "Recorded progress on an action",
  "/progress/goals/:goalId": "Recorded progress on a goal",
  "/progress/notes": "Added a progress note",
  "/progress": "Recorded progress",
  "/reassess": "Started a reassessment",
  "/notes": "Added a supervisor's note",
  "/reassign": "Handed the plan to another case manager",
  "/coaching/dismiss": "Dismissed a coaching finding",
  "/coaching/apply": "Used a coaching suggestion",
  "/coaching/category": "Used a suggested barrier category",
  "/suggestions": "Used a suggested answer (training)",
};

const OUTCOMES: Record<number, string> = {
  400: "the request could not be read",
  403: "refused",
  404: "no such answer",
  409: "not saved: the plan had changed in another window",
  410: "no longer available",
  413: "too long to send",
  422: "not saved: the form needed changes",
  429: "too many attempts",
};

function stepWords(kind: string | undefined): string {
  return kind && STEPS.has(kind) ? kind : "a step";
}

export function describePlanRequest(method: string, routePath: string, params: Record<string, string>, status: number): string {
  const tail = routePath.replace(/^\/plans\/:id/, "");
  const reading = method === "GET" || method === "HEAD";
  let words: string;
  if (reading) {
    if (VIEWS[tail]) words = VIEWS[tail];
    else if (/export/.test(tail)) words = `Exported the plan${/fhir/.test(tail) ? " (FHIR)" : ""}`;
    else if (/^\/:kind\/:itemId\/edit$/.test(tail) || /\/edit$/.test(tail)) words = `Opened an answer at ${stepWords(params.kind ?? tail.split("/")[1])} to change it`;
    else words = "Viewed a page of the plan";
  } else if (CHANGES[tail]) {
    words = CHANGES[tail];
  } else if (/^\/commitments\/:itemId\//.test(tail)) {
    words = "Changed a commitment's wording";
  } else if (tail === "/:kind") {
    words = `Saved an answer at ${stepWords(params.kind)}`;
  } else if (tail === "/:kind/:itemId") {
    words = `Changed an answer at ${stepWords(params.kind)}`;
  } else if (tail === "/:kind/:itemId/delete") {
    words = `Removed an answer at ${stepWords(params.kind)}`;
  } else {
    words = "Changed the plan";
  }
  if (status < 400) return words;
  return `${words}: ${OUTCOMES[status] ?? "did not work"} (${status})`;
}
