// Coplan's only script beyond htmx. The page works without it; it keeps htmx-enhanced pages tidy.

// Every form carries the plan version it was built from, so a stale tab gets a clear 409. After an
// htmx swap the plan panel holds the version this page has now seen: bring every form up to it.
document.addEventListener("htmx:after:swap", () => {
  const rev = document.getElementById("plan-panel")?.dataset.rev;
  if (!rev) return;
  for (const input of document.querySelectorAll('input[name="rev"]')) input.value = rev;
});
