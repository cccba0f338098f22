// Live updates on the conversation page and the client's phone page: a server-sent event carries
// the page's regions as HTML, each with its id, and each replaces the region of the same id. A
// region someone is typing in or working in is left alone (the phone's answer box keeps its words
// and its plan version, so sending them after a change gets the server's "the plan changed" and
// the words are not lost). Without this script, or without EventSource, the pages work as plain
// forms with a way to refresh.
(() => {
  const root = document.querySelector("[data-events]");
  if (!root || !window.EventSource) return;
  const base = root.getAttribute("data-events");
  let shown = Number(root.getAttribute("data-events-rev")) || 0;
  const fields = (el) => el.querySelectorAll("textarea, input[type=text], input:not([type]), input[type=date], select");
  const typed = (el) => [...fields(el)].some((f) => (f.tagName === "SELECT" ? [...f.options].some((o) => o.selected !== o.defaultSelected) : f.value !== f.defaultValue));

  function swap(html) {
    const template = document.createElement("template");
    template.innerHTML = html;
    for (const fresh of [...template.content.children]) {
      const old = fresh.id && document.getElementById(fresh.id);
      if (!old) continue;
      fresh.removeAttribute("hx-swap-oob");
      if (fresh.id === "companion-live") {
        // The phone: the new question and plan always; words being typed stay, with the version
        // they were typed against, so sending them is checked against the change.
        const words = old.querySelector("textarea");
        const next = fresh.querySelector("textarea");
        const focused = words && document.activeElement === words;
        if (words && next && words.value !== words.defaultValue) {
          next.value = words.value;
          const oldRev = old.querySelector("input[name=rev]");
          const nextRev = fresh.querySelector("input[name=rev]");
          if (oldRev && nextRev) nextRev.value = oldRev.value;
        }
        old.replaceWith(fresh);
        if (focused && next) next.focus();
        continue;
      }
      // Words being typed, or an open form (an edit in a bubble), stay; so does what has focus,
      // except in the composer, whose question moves on: focus goes to the same field in the new one.
      if (typed(old) || (old.id !== "composer" && old.contains(document.activeElement))) continue;
      const focusedId = old.contains(document.activeElement) ? document.activeElement.id : "";
      old.replaceWith(fresh);
      if (window.htmx) window.htmx.process(fresh);
      const refocus = focusedId && document.getElementById(focusedId);
      if (refocus) refocus.focus();
    }
  }

  let inFlight = 0;
  let pending = null;
  document.addEventListener("htmx:before:request", () => inFlight++);
  document.addEventListener("htmx:finally:request", () => {
    inFlight = Math.max(0, inFlight - 1);
    if (inFlight === 0 && pending !== null) {
      const html = pending;
      pending = null;
      setTimeout(() => swap(html), 0);
    }
  });

  let source = null;
  let wait = 1000;
  function connect() {
    source = new EventSource(`${base}?rev=${shown}`);
    source.addEventListener("hello", () => (wait = 1000));
    source.addEventListener("plan", (e) => {
      shown = Math.max(shown, Number(e.lastEventId) || 0);
      // While this page's own answer is on its way, its response will insert the new bubbles: a
      // swap now would put them in twice. The latest event waits for that response instead.
      if (inFlight > 0) pending = e.data;
      else swap(e.data);
    });
    source.addEventListener("ended", () => {
      source.close();
      location.reload(); // the server says why (the phone link has ended)
    });
    source.addEventListener("expired", () => {
      source.close();
      again();
    });
    source.addEventListener("error", () => {
      // The browser retries by itself while it can; once it has given up (a refusal, or the
      // server away for long), try again a little later, from the last version seen.
      if (source.readyState !== EventSource.CLOSED) return;
      again();
    });
  }

  // The staff screen's stream lasts as long as its session may sit idle, and comes back only once
  // someone has used the page since: an open page must not keep an unattended session signed in.
  const idle = root.hasAttribute("data-events-idle");
  let used = false;
  for (const type of ["keydown", "pointerdown", "htmx:before:request"]) document.addEventListener(type, () => (used = true), true);
  function again() {
    const retry = () => {
      setTimeout(connect, wait);
      wait = Math.min(wait * 2, 30000);
    };
    if (!idle || used) {
      used = false;
      return retry();
    }
    const onUse = () => {
      for (const type of ["keydown", "pointerdown"]) document.removeEventListener(type, onUse, true);
      used = false;
      retry();
    };
    for (const type of ["keydown", "pointerdown"]) document.addEventListener(type, onUse, true);
  }
  connect();
  window.addEventListener("pagehide", () => source && source.close());
})();
