// Print buttons need JavaScript, so they are in the page hidden and shown here; without it the
// page says how to print with the browser's own Print command, which this button replaces.
for (const button of document.querySelectorAll("[data-print]")) {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
}
if (document.querySelector("[data-print]")) for (const note of document.querySelectorAll("[data-print-fallback]")) note.hidden = true;
