/**
 * Read-aloud speaks the language of the text it reads (issue 22): the utterance's `lang` is the
 * element's (or its nearest ancestor's), and a voice of that language is chosen when the browser
 * has one. Chromium's headless build has no voices, so speechSynthesis is replaced by a recorder
 * with a few voices, and the real static/read-aloud.js runs against it.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { ROOT } from "../../src/paths.ts";
import { type BrowserSession, describeInBrowser, openBrowser } from "./support/browser.ts";

const script = readFileSync(join(ROOT, "static/read-aloud.js"), "utf8");

const FAKE_SPEECH = `
  window.spoken = [];
  const voices = [
    { name: "English", lang: "en-US", default: true, localService: true },
    { name: "Español", lang: "es-ES", default: false, localService: true },
    { name: "العربية", lang: "ar-SA", default: false, localService: true },
    { name: "粵語", lang: "zh-HK", default: false, localService: true },
    { name: "普通话", lang: "zh-CN", default: false, localService: true },
  ];
  window.SpeechSynthesisUtterance = class { constructor(text) { this.text = text; this.lang = ""; this.voice = null; } addEventListener() {} };
  const fake = { speaking: false, getVoices: () => voices, cancel() {}, speak(u) { window.spoken.push({ text: u.text, lang: u.lang, voice: u.voice && u.voice.name }); } };
  Object.defineProperty(window, "speechSynthesis", { value: fake, configurable: true });
`;

describeInBrowser("read-aloud speaks the text's language", () => {
  let b: BrowserSession;
  beforeAll(async () => {
    b = await openBrowser();
  });
  afterAll(async () => {
    await b.close();
  });

  it.each([
    ["es", "Español", "Quiero quedarme en mi piso"],
    ["ar", "العربية", "أريد أن أبقى في شقتي"],
    ["zh-Hans", "普通话", "我想留在我的公寓"],
    ["en", "English", "I want to keep my flat"],
  ])("in %s: the utterance's lang is the element's and the voice matches", async (lang, voice, words) => {
    await b.page.setContent(
      `<!doctype html><html lang="en"><body><section lang="${lang}"><div id="plan">${words}</div></section><button type="button" data-read-aloud="#plan" hidden>Read</button></body></html>`,
    );
    await b.page.evaluate(FAKE_SPEECH);
    await b.page.evaluate(script);
    await b.page.click("[data-read-aloud]");
    const spoken = await b.page.evaluate(() => (window as unknown as { spoken: unknown[] }).spoken);
    expect(spoken).toEqual([{ text: words, lang, voice }]);
  });
});
