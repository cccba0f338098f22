/**
 * Driving a page the way a keyboard user does: Tab until the control is reached (proving it can be
 * reached), checking on the way that every stop shows where the focus is; then Enter, Space, the
 * arrow keys and typed text. No mouse, no element.click(), no fill(), no focus().
 */
import type { Page } from "playwright-core";
import { expect } from "vitest";

export interface Focused {
  tag: string;
  id: string;
  name: string;
  text: string;
  /** :focus-visible matches and an outline (or ring) is actually drawn. */
  visible: boolean;
  /** Contrast of the outline against the background it is drawn on (WCAG 1.4.11 asks 3:1). */
  ringContrast: number;
}

/** Reads the focused element in the page (serialised into page.evaluate). */
function describeFocus(): Focused {
  const el = document.activeElement as HTMLElement | null;
  if (!el || el === document.body) return { tag: "body", id: "", name: "", text: "", visible: false, ringContrast: 0 };
  const style = getComputedStyle(el);
  const rgb = (css: string) => (css.match(/[\d.]+/g) ?? []).map(Number);
  const luminance = (css: string) => {
    const [r, g, b] = rgb(css).map((v) => v / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  // The outline is drawn outside the element (outline-offset), over whatever is behind it.
  let behind = "rgb(255, 255, 255)";
  for (let up = el.parentElement; up; up = up.parentElement) {
    const bg = getComputedStyle(up).backgroundColor;
    const alpha = rgb(bg)[3];
    if (bg !== "transparent" && alpha !== 0) {
      behind = bg;
      break;
    }
  }
  const [hi, lo] = [luminance(style.outlineColor), luminance(behind)].sort((a, b) => b - a);
  const ringContrast = Math.round(((hi + 0.05) / (lo + 0.05)) * 100) / 100;
  const drawn = (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== "none";
  // A date field's calendar button lives in the browser's own shadow DOM: the field is the
  // active element but not :focus, and the browser draws the button's ring itself.
  const onPickerButton = el.matches('input[type="date"]') && !el.matches(":focus");
  return {
    tag: el.tagName.toLowerCase(),
    id: el.id,
    name: el.getAttribute("name") ?? "",
    text: (el.textContent ?? "").replace(/\s+/g, " ").trim(),
    visible: onPickerButton || (el.matches(":focus-visible") && drawn),
    ringContrast: onPickerButton ? 21 : ringContrast,
  };
}

export async function focused(page: Page): Promise<Focused> {
  return page.evaluate(`(${describeFocus.toString()})()`) as Promise<Focused>;
}

/**
 * Tabs until the focus is on an element that matches a CSS selector, checking at every stop on
 * the way that the focus can be seen (one round trip to the page per key press).
 */
export async function tabTo(page: Page, selector: string, opts: { backwards?: boolean; max?: number } = {}): Promise<Focused> {
  const max = opts.max ?? 80;
  const seen: string[] = [];
  const probe = `({ ...(${describeFocus.toString()})(), match: document.activeElement?.matches(${JSON.stringify(selector)}) ?? false })`;
  for (let i = 0; ; i++) {
    const now = (await page.evaluate(probe)) as Focused & { match: boolean };
    if (now.match) return now;
    if (i > 0) {
      const label = `${now.tag}#${now.id || now.name || now.text.slice(0, 30)}`;
      seen.push(label);
      expect(now.visible, `focus is not visible on ${label}`).toBe(true);
      expect(now.ringContrast, `the focus ring on ${label} has too little contrast with what is behind it`).toBeGreaterThanOrEqual(3);
    }
    if (i === max) break;
    await page.keyboard.press(opts.backwards ? "Shift+Tab" : "Tab");
  }
  throw new Error(`Could not reach ${selector} with ${max} Tab presses; focus went through:\n  ${seen.join("\n  ")}`);
}

/**
 * Types words into the focused field as one insertion, the way an input method commits them (and
 * the only way for Arabic, Chinese or emoji). Coplan has no key handlers, so key-by-key typing
 * would prove nothing more and cost a round trip per key; dates, which Chromium splits into
 * segments, are typed key by key with page.keyboard.type.
 */
export async function typeText(page: Page, text: string): Promise<void> {
  await page.keyboard.insertText(text);
}

/** Replaces what a text field holds: select it all, then type. */
export async function typeOver(page: Page, text: string): Promise<void> {
  await page.keyboard.press("ControlOrMeta+A");
  if (text === "") await page.keyboard.press("Delete");
  else await typeText(page, text);
}

/** Moves a focused closed <select> with the arrow keys until the wanted option shows. */
export async function chooseOption(page: Page, label: string): Promise<void> {
  const current = () => page.evaluate(() => (document.activeElement as HTMLSelectElement).selectedOptions[0]?.textContent?.trim() ?? "");
  for (const key of ["Home", ...Array(20).fill("ArrowDown")]) {
    if ((await current()).startsWith(label)) return;
    await page.keyboard.press(key);
  }
  throw new Error(`No option starting "${label}" in the focused select (it shows "${await current()}")`);
}

/** Moves through a focused radio group with the arrow keys until the wanted one is checked. */
export async function chooseRadio(page: Page, value: string): Promise<void> {
  const state = () =>
    page.evaluate(() => {
      const el = document.activeElement as HTMLInputElement;
      return { value: el.value, checked: el.checked, type: el.type };
    });
  for (let i = 0; i < 10; i++) {
    const now = await state();
    if (now.type !== "radio") throw new Error(`focus is on a ${now.type}, not a radio button`);
    if (now.value === value) {
      if (!now.checked) await page.keyboard.press("Space");
      return;
    }
    await page.keyboard.press("ArrowDown");
  }
  throw new Error(`No radio button with value "${value}" in this group`);
}
