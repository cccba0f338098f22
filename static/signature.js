// Drawn signatures, with signature_pad (self-hosted from npm). Without JavaScript the pad stays
// hidden and the typed full name signs on its own.
let loading = null;
// The library's content-named URL, from the layout, so a browser keeps it as long as it keeps this file.
const LIBRARY = document.currentScript?.dataset.library ?? "/static/vendor/signature_pad.js";

// The pad library is fetched only when a page shows a signature pad, to keep other pages light.
function loadLibrary() {
  loading ??= new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.src = LIBRARY;
    script.onload = resolve;
    script.onerror = reject;
    document.head.append(script);
  });
  return loading;
}

function setUpSignaturePads(root) {
  if (!root.querySelector("[data-signature-pad]:not([data-ready])")) return;
  if (typeof SignaturePad === "undefined") {
    loadLibrary().then(() => setUpSignaturePads(root), () => {});
    return;
  }
  for (const box of root.querySelectorAll("[data-signature-pad]")) {
    if (box.dataset.ready) continue;
    box.dataset.ready = "yes";
    box.hidden = false;
    const canvas = box.querySelector("canvas");
    const output = box.querySelector('input[name="image"]');
    const pad = new SignaturePad(canvas, { penColor: "#111" });
    // A form refused for another field (a missing name, say) comes back with the drawing in the
    // hidden field: show it again rather than make the client draw twice.
    let kept = output.value;
    const fit = () => {
      const width = canvas.offsetWidth;
      if (!width) return;
      // Sharp on high-density screens, but never past what the server keeps: 2000 × 1000 pixels
      // (src/signing/signature-image.ts). Zooming in raises devicePixelRatio too.
      const ratio = Math.min(Math.max(window.devicePixelRatio || 1, 1), 2000 / width, 1000 / (canvas.offsetHeight || 1));
      const data = pad.toData();
      canvas.width = width * ratio;
      canvas.height = canvas.offsetHeight * ratio;
      canvas.getContext("2d").scale(ratio, ratio);
      pad.fromData(data);
      // A drawing restored from its picture has no strokes to replay: draw the picture again.
      if (kept && !data.length) pad.fromDataURL(kept, { ratio, width: canvas.offsetWidth, height: canvas.offsetHeight }).catch(() => {});
    };
    fit();
    window.addEventListener("resize", fit);
    pad.addEventListener("endStroke", () => {
      kept = "";
      output.value = pad.isEmpty() ? "" : pad.toDataURL("image/png");
    });
    box.querySelector("[data-clear-signature]").addEventListener("click", () => {
      pad.clear();
      kept = "";
      output.value = "";
    });
  }
}
setUpSignaturePads(document);
document.addEventListener("htmx:after:swap", () => setUpSignaturePads(document));
