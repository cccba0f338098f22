/**
 * A person's name is one line of text. Forms already drop most control characters (readForm), but
 * a tab or a line break survives there, and a name is printed where a line break changes meaning:
 * a calendar feed's lines, a PDF's signature line, a header. So names refuse every control
 * character, with a message, rather than have it silently removed from someone's name.
 */
import { z } from "zod";
import { msgText } from "../i18n/translator.ts";

/** Said in the reader's language where it is shown (a msgText). */
export const NAME_CONTROL_MESSAGE = msgText("form.nameOneLine");

export function isOneLine(text: string): boolean {
  return !/[\u0000-\u001f\u007f-\u009f]/.test(text);
}

/** A required name: trimmed, not empty, at most `max` characters, one line. */
export const personName = (max: number, emptyMessage: string) =>
  z
    .string()
    .trim()
    .min(1, { message: emptyMessage })
    .max(max, { message: msgText("form.nameTooLong", { max }) })
    .refine(isOneLine, { message: NAME_CONTROL_MESSAGE });
