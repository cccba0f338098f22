/**
 * What a screen's layout must never do, measured in the page: scroll sideways, break an ordinary
 * word in the middle, or (on a wide enough screen) put the plan panel anywhere but beside the
 * conversation.
 */
import type { Page } from "playwright-core";

export interface Screen {
  width: number;
  height: number;
}

/** From this width the conversation and the plan panel sit side by side (static/app.css). */
export const SIDE_BY_SIDE_FROM = 1000;

export async function layoutProblems(page: Page, screen: Screen, where: string): Promise<string[]> {
  const found = await page.evaluate((sideBySide) => {
    const problems: string[] = [];
    const doc = document.documentElement;
    if (doc.scrollWidth > doc.clientWidth) problems.push(`scrolls sideways: ${doc.scrollWidth}px of content in ${doc.clientWidth}px`);

    // A run of letters (Latin, Arabic, Cyrillic…) whose characters land on two lines was broken
    // mid-word. Chinese and Japanese wrap between any two characters by design, so they are left
    // out, and so is anything in a string longer than 30 characters: a link may be wider than a column.
    const word = /[\p{Script=Latin}\p{Script=Arabic}\p{Script=Cyrillic}\p{Script=Greek}\p{N}]{2,30}/gu;
    const walker = document.createTreeWalker(document.querySelector(".conversation-page") ?? document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement;
      if (!el || el.closest(".visually-hidden, [hidden], details:not([open]) > :not(summary)") || !el.getClientRects().length) continue;
      for (const token of node.textContent!.matchAll(/\S+/g)) {
        if (token[0].length > 30) continue; // a long link may break anywhere: it could not fit otherwise
        for (const m of token[0].matchAll(word)) {
          const start = token.index! + m.index!;
          const range = document.createRange();
          range.setStart(node, start);
          range.setEnd(node, start + m[0].length);
          const tops = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
          if (tops.size > 1) problems.push(`"${m[0]}" is broken across lines in <${el.tagName.toLowerCase()} class="${el.className}">`);
        }
      }
    }

    // The panel scrolls up and down on its own; sideways it must fit, like the page.
    const panelBox = document.querySelector("#plan-panel");
    if (panelBox && panelBox.getClientRects().length && panelBox.scrollWidth > panelBox.clientWidth + 1) problems.push(`the plan panel scrolls sideways: ${panelBox.scrollWidth}px of content in ${panelBox.clientWidth}px`);
    const panel = panelBox?.getBoundingClientRect();
    const talk = document.querySelector(".conversation")?.getBoundingClientRect();
    if (sideBySide && panel && talk) {
      // After the conversation in reading order: to its right in English, to its left in Arabic.
      const rtl = getComputedStyle(document.documentElement).direction === "rtl";
      const after = rtl ? panel.right <= talk.left + 1 : panel.left >= talk.right - 1;
      const beside = after && panel.top < talk.bottom && talk.top < panel.bottom;
      if (!beside) problems.push(`the plan panel is not beside the conversation, after it (${rtl ? "right to left" : "left to right"}): panel from x ${Math.round(panel.left)} to ${Math.round(panel.right)}, y ${Math.round(panel.top)}; conversation from x ${Math.round(talk.left)} to ${Math.round(talk.right)}`);
    }
    return problems;
  }, screen.width >= SIDE_BY_SIDE_FROM);
  return found.map((p) => `${where} at ${screen.width}×${screen.height}: ${p}`);
}
