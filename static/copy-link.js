// A Copy button beside the client's new review link. Progressive enhancement: without this
// script the link is plain text to select and copy by hand, and no dead button is shown.
(() => {
  for (const slot of document.querySelectorAll("[data-copy-from]")) {
    const source = document.querySelector(slot.getAttribute("data-copy-from"));
    if (!source || slot.querySelector("button")) continue;
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = "Copy the link";
    const said = document.createElement("span");
    said.className = "copy-said";
    said.setAttribute("role", "status");
    const selectLink = () => {
      const range = document.createRange();
      range.selectNodeContents(source);
      const selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
    };
    button.addEventListener("click", async () => {
      said.textContent = "";
      try {
        // The clipboard API exists only on https (and localhost); elsewhere fall back to selecting.
        if (!navigator.clipboard) throw new Error("no clipboard here");
        await navigator.clipboard.writeText(source.textContent.trim());
        said.textContent = "Copied. Paste it into a text message or an email.";
      } catch {
        selectLink();
        said.textContent = "The link is selected: press Ctrl+C (or ⌘C on a Mac) to copy it.";
      }
    });
    slot.append(button, " ", said);
  }
})();
