// Half-typed answers survive a reload: each field of each form is kept in this tab's session
// storage while it is typed, keyed by the form's address (which names the plan) and the field, and
// put back, with a word saying so, when the page comes back. A save that worked clears them.
// Session storage, not local storage: it ends with the tab, so case notes do not stay on a shared
// computer. Passwords, hidden fields and drawn signatures are never kept.
const PREFIX = "coplan-draft:";
const SENT = "coplan-draft-sent";
const RESTORED = "We restored what you were typing before the page was reloaded.";
// Ticks are left out on purpose: agreeing to sign or to a notice is given afresh, never replayed.
const KEPT_TYPES = new Set(["text", "date", "number", "email", "search", "tel", "url", "textarea", "select-one", "radio"]);

function store() {
  try {
    return window.sessionStorage;
  } catch {
    return null; // storage refused (private mode, a policy): the page works as before
  }
}

function draftable(form) {
  if (!(form instanceof HTMLFormElement) || form.method !== "post" || form.hasAttribute("data-no-draft")) return false;
  const action = form.getAttribute("action") ?? "";
  return action !== "" && action !== "/signin" && action !== "/signout" && !action.startsWith("/setup/");
}

function kept(field) {
  return (
    field.form && draftable(field.form) && field.name && KEPT_TYPES.has(field.type) &&
    field.name !== "image" && !/password|username/.test(field.autocomplete || "")
  );
}

const keyOf = (field) => `${PREFIX}${field.form.getAttribute("action")}|${field.name}`;
const fieldsOf = (form) => [...form.elements].filter(kept);

function remember(event) {
  const field = event.target;
  const s = store();
  if (!s || !kept(field)) return;
  if (field.type === "radio" && !field.checked) return;
  // Back to what the page showed: nothing to keep.
  const shown =
    field.type === "select-one" ? [...field.options].find((o) => o.defaultSelected)?.value ?? ""
    : field.type === "radio" ? [...field.form.elements].find((r) => r.type === "radio" && r.name === field.name && r.defaultChecked)?.value ?? ""
    : field.defaultValue;
  if (field.value === shown) s.removeItem(keyOf(field));
  else s.setItem(keyOf(field), field.value);
}

function forget(form) {
  const s = store();
  if (s) for (const field of fieldsOf(form)) s.removeItem(keyOf(field));
}

function restore(root) {
  const s = store();
  if (!s) return;
  for (const form of root.querySelectorAll("form")) {
    if (!draftable(form) || form.querySelector(".draft-notice")) continue;
    let restored = false;
    for (const field of fieldsOf(form)) {
      const saved = s.getItem(keyOf(field));
      if (saved === null) continue;
      if (field.type === "radio") {
        if (field.value === saved && !field.checked) restored = field.checked = true;
        continue;
      }
      if (saved === field.value) continue;
      if (field.type === "select-one" && ![...field.options].some((o) => o.value === saved)) continue;
      field.value = saved;
      restored = true;
    }
    if (restored) {
      const notice = document.createElement("p");
      notice.className = "notice notice-ok draft-notice";
      notice.setAttribute("role", "status");
      notice.textContent = RESTORED;
      form.prepend(notice);
    }
  }
}

// A plain post (no htmx) is judged on the page it leads to: the same form back with its errors, or
// the sign-in page after a time-out, keeps the draft; anything else means it was saved.
function settleSent() {
  const s = store();
  const sent = s?.getItem(SENT);
  if (!sent) return;
  const form = [...document.querySelectorAll("form")].find((f) => f.getAttribute("action") === sent);
  // Signed out, or signed in again with the words waiting to be sent (that form holds them only
  // hidden): not saved yet, and the draft stays for "Back to the page without saving".
  if (!form && document.querySelector('form[action="/signin"]')) return;
  if (form && !fieldsOf(form).length) return;
  s.removeItem(SENT);
  if (form && form.querySelector('.field-error, [aria-invalid="true"], .notice-error, .notice-conflict')) return;
  for (const key of Object.keys(s)) if (key.startsWith(`${PREFIX}${sent}|`)) s.removeItem(key);
}

document.addEventListener("input", remember);
document.addEventListener("change", remember);
document.addEventListener("submit", (event) => {
  if (draftable(event.target)) store()?.setItem(SENT, event.target.getAttribute("action"));
});
// With htmx the answer says at once whether the save worked: 2xx clears, 401/409/422 keep.
document.addEventListener("htmx:after:request", (event) => {
  const form = event.target;
  const status = event.detail?.ctx?.response?.status ?? 0;
  store()?.removeItem(SENT);
  if (draftable(form) && status >= 200 && status < 300) forget(form);
});
document.addEventListener("htmx:after:swap", () => restore(document));
settleSent();
restore(document);
