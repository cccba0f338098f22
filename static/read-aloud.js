// "Read this to me": the browser's own speech synthesis reads the plan aloud. Hidden where the
// browser cannot speak, so no one presses a button that does nothing.
function setUpReadAloud(root) {
  if (!("speechSynthesis" in window)) return;
  for (const button of root.querySelectorAll("[data-read-aloud]")) {
    if (button.dataset.ready) continue;
    button.dataset.ready = "yes";
    button.hidden = false;
    button.addEventListener("click", () => {
      if (speechSynthesis.speaking) {
        speechSynthesis.cancel();
        button.textContent = "Read this to me";
        return;
      }
      const target = document.querySelector(button.dataset.readAloud);
      if (!target) return;
      const utterance = new SpeechSynthesisUtterance(target.innerText);
      utterance.lang = document.documentElement.lang || "en";
      utterance.addEventListener("end", () => (button.textContent = "Read this to me"));
      button.textContent = "Stop reading";
      speechSynthesis.speak(utterance);
    });
  }
}
setUpReadAloud(document);
document.addEventListener("htmx:after:swap", () => setUpReadAloud(document));
