/** Parses the consent and signature forms; messages sit beside the field they are about. */
import { z } from "zod";
import { PARTIES } from "../domain/signature.ts";
import type { FieldErrors, FormValues, Parsed } from "../plans/forms.ts";
import { checkSignatureImage } from "./signature-image.ts";
import { isOneLine, NAME_CONTROL_MESSAGE } from "../domain/names.ts";
// Messages travel as msgText: the page says them in the reader's language (it.h.wordsOf).
import { msgText } from "../i18n/translator.ts";

export function parseConsent(form: FormValues): Parsed<true> {
  if (form.agreeClient === "yes" && form.agreeCaseManager === "yes") return { ok: true, value: true };
  return { ok: false, errors: { agree: msgText("signing.consent.required") } };
}

const SignForm = z.object({
  party: z.enum(PARTIES),
  // Names are printed on the retainer's signature lines: one line each (domain/names.ts).
  typedName: z.string().max(200, { message: msgText("signing.error.nameTooLong") }).refine(isOneLine, { message: NAME_CONTROL_MESSAGE }),
  image: z
    .string()
    .max(400_000, { message: msgText("signing.error.drawingTooLarge") })
    .regex(/^(data:image\/png;base64,[A-Za-z0-9+/=]+)?$/, { message: msgText("signing.error.drawingUnreadable") })
    .default(""),
  repName: z.string().max(200).refine(isOneLine, { message: NAME_CONTROL_MESSAGE }).default(""),
  repRelationship: z.string().max(120).default(""),
  agree: z.literal("yes", { message: msgText("signing.error.agree") }).optional(),
});

/**
 * The drawing to show again in the pad when the form is refused for another reason: only one that
 * passed the PNG checks, so a refusal never echoes a huge or broken image back into the page.
 */
export function drawingToKeep(image: string | undefined): string {
  return image && checkSignatureImage(image).ok ? image : "";
}

export interface SignInput {
  party: (typeof PARTIES)[number];
  name: string;
  typedName: string;
  image?: string;
  representative?: { name: string; relationship: string };
}

export function parseSignature(form: FormValues): Parsed<SignInput> {
  const r = SignForm.safeParse({ ...form, typedName: form.typedName ?? "" });
  const errors: FieldErrors = {};
  if (!r.success) {
    for (const issue of r.error.issues) errors[String(issue.path[0] ?? "form")] ??= issue.message;
    return { ok: false, errors };
  }
  const f = r.data;
  if (f.image) {
    const drawn = checkSignatureImage(f.image);
    if (!drawn.ok) errors.image = drawn.problem;
  }
  if (form.agree !== "yes") errors.agree = msgText("signing.error.agree");
  if (!f.typedName.trim()) {
    errors.typedName = f.image && !errors.image
      ? msgText("signing.error.nameWithDrawing")
      : msgText("signing.error.name");
  }
  const rep = f.party === "client" && (f.repName.trim() || f.repRelationship.trim());
  if (rep && !f.repName.trim()) errors.repName = msgText("signing.error.repName");
  if (rep && !f.repRelationship.trim()) errors.repRelationship = msgText("signing.error.repRelationship");
  if (Object.keys(errors).length) return { ok: false, errors };
  return {
    ok: true,
    value: {
      party: f.party,
      name: f.typedName,
      typedName: f.typedName,
      image: f.image || undefined,
      representative: rep ? { name: f.repName, relationship: f.repRelationship } : undefined,
    },
  };
}
