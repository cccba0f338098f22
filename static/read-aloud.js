// "Read this to me": the browser's own speech synthesis reads the plan aloud. Hidden where the
// browser cannot speak, so no one presses a button that does nothing.
//
// The voice speaks the language of the text read (issue 22): the `lang` of the element read, or of
// the nearest element around it, or the page's. A Spanish plan read by an English voice is not
// understood, so a voice whose language matches is chosen: the same tag, else the same language
// (Simplified Chinese prefers a mainland or Singapore voice, Traditional a Taiwan or Hong Kong one).
// Without one, the utterance's `lang` still asks the browser for that language.

/** The language of `el`'s text: its own `lang`, an ancestor's, or the page's. */
function languageOf(el) {
  const holder = el.closest("[lang]");
  return (holder && holder.getAttribute("lang")) || document.documentElement.lang || "en";
}

const REGIONS_FOR_SCRIPT = { "zh-hans": ["cn", "sg"], "zh-hant": ["tw", "hk", "mo"] };

/** The best installed voice for a BCP 47 tag, or null. */
function voiceFor(tag, voices) {
  const wanted = tag.toLowerCase();
  const norm = (v) => (v.lang || "").replace(/_/g, "-").toLowerCase();
  const exact = voices.filter((v) => norm(v) === wanted);
  if (exact.length) return exact.find((v) => v.localService) || exact[0];
  const primary = wanted.split("-")[0];
  const same = voices.filter((v) => norm(v).split("-")[0] === primary);
  if (!same.length) return null;
  const regions = REGIONS_FOR_SCRIPT[wanted.split("-").slice(0, 2).join("-")];
  const byRegion = regions && same.find((v) => regions.includes(norm(v).split("-").pop()));
  return byRegion || same.find((v) => v.default) || same[0];
}

function setUpReadAloud(root) {
  if (!("speechSynthesis" in window)) return;
  for (const button of root.querySelectorAll("[data-read-aloud]")) {
    if (button.dataset.ready) continue;
    button.dataset.ready = "yes";
    button.hidden = false;
    // The button's own words, from the page (already in the reader's language); `data-stop-text`
    // gives the words while reading, if the page has them.
    const readText = button.textContent;
    const stopText = button.dataset.stopText || readText;
    button.addEventListener("click", () => {
      if (speechSynthesis.speaking) {
        speechSynthesis.cancel();
        button.textContent = readText;
        return;
      }
      const target = document.querySelector(button.dataset.readAloud);
      if (!target) return;
      const utterance = new SpeechSynthesisUtterance(target.innerText);
      utterance.lang = languageOf(target);
      const voice = voiceFor(utterance.lang, speechSynthesis.getVoices());
      if (voice) utterance.voice = voice;
      utterance.addEventListener("end", () => (button.textContent = readText));
      button.textContent = stopText;
      speechSynthesis.speak(utterance);
    });
  }
}
// Some browsers list their voices only after a moment: asking once early fills the list.
if ("speechSynthesis" in window) speechSynthesis.getVoices();
setUpReadAloud(document);
document.addEventListener("htmx:after:swap", () => setUpReadAloud(document));
