/** Parses the consent and signature forms; messages sit beside the field they are about. */
import { z } from "zod";
import { PARTIES } from "../domain/signature.ts";
import type { FieldErrors, FormValues, Parsed } from "../plans/forms.ts";
import { checkSignatureImage } from "./signature-image.ts";
import { isOneLine, NAME_CONTROL_MESSAGE } from "../domain/names.ts";

export function parseConsent(form: FormValues): Parsed<true> {
  if (form.agreeClient === "yes" && form.agreeCaseManager === "yes") return { ok: true, value: true };
  return { ok: false, errors: { agree: "Both of you need to tick that you have read the notice and agree." } };
}

const SignForm = z.object({
  party: z.enum(PARTIES),
  // Names are printed on the retainer's signature lines: one line each (domain/names.ts).
  typedName: z.string().max(200, { message: "Please keep the name under 200 characters." }).refine(isOneLine, { message: NAME_CONTROL_MESSAGE }),
  image: z
    .string()
    .max(400_000, { message: "The drawing is too large. Clear it and draw again, or type the name." })
    .regex(/^(data:image\/png;base64,[A-Za-z0-9+/=]+)?$/, { message: "The drawing could not be read. Clear it and draw again, or type the name." })
    .default(""),
  repName: z.string().max(200).refine(isOneLine, { message: NAME_CONTROL_MESSAGE }).default(""),
  repRelationship: z.string().max(120).default(""),
  agree: z.literal("yes", { message: "Tick “I agree to this plan” to sign." }).optional(),
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
  if (form.agree !== "yes") errors.agree = "Tick “I agree to this plan” to sign.";
  if (!f.typedName.trim()) {
    errors.typedName = f.image && !errors.image
      ? "The drawing is kept. Type the full name here as well: a drawn signature needs the typed name beside it."
      : "Type the full name here to sign.";
  }
  const rep = f.party === "client" && (f.repName.trim() || f.repRelationship.trim());
  if (rep && !f.repName.trim()) errors.repName = "Give the representative's full name.";
  if (rep && !f.repRelationship.trim()) errors.repRelationship = "Say how the representative is related to the client.";
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
