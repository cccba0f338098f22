/**
 * Who signed a plan version, and when, as FHIR R4 Provenance: the record of an act (signing) on a
 * target (the CarePlan), which is where R4 puts Signature elements for a resource that has none.
 */
import type { Signature } from "../domain/signature.ts";
import type { FhirResource, Ref } from "./fhir-types.ts";

/** ASTM E1762-95, the code system FHIR's signature-type value set draws on. */
const SIGNATURE_TYPE = "urn:iso-astm:E1762-95:2013";

/**
 * The signatures on this version: one Provenance for the act of signing, targeting the CarePlan,
 * with a signature per person. The client (or their representative, on the client's behalf) gives
 * a consent signature; the case manager signs as author. The signer's IP address and browser stay
 * in the sealed record: an export has no need of them.
 */
export function signingProvenance(input: {
  id: string;
  carePlanId: string;
  patientRef: Ref;
  signatures: Signature[];
  sealedAt?: string;
  contentHash?: string;
}): FhirResource {
  const { id, carePlanId, patientRef } = input;
  const whoOf = (s: Signature): Ref =>
    s.party === "client"
      ? s.representative
        ? { type: "RelatedPerson", display: `${s.representative.name} (${s.representative.relationship})` }
        : patientRef
      : s.onBehalfOf && s.account
        ? { type: "Practitioner", display: `${s.account.displayName} (supervisor)` }
        : { type: "Practitioner", display: s.name };
  // Who a signer acted for: the client, for a representative; the case manager, for a supervisor.
  const onBehalfOf = (s: Signature): { onBehalfOf?: Ref } =>
    s.party === "client" && s.representative
      ? { onBehalfOf: patientRef }
      : s.party === "case-manager" && s.onBehalfOf
        ? { onBehalfOf: { type: "Practitioner", display: s.onBehalfOf.displayName } }
        : {};
  const last = input.signatures.map((s) => s.at).sort().at(-1);
  const hash = input.contentHash ?? input.signatures[0]?.contentHash;
  return {
    resourceType: "Provenance",
    id,
    target: [{ reference: `urn:uuid:${carePlanId}` }],
    recorded: input.sealedAt ?? last,
    activity: { text: "Signed" },
    agent: input.signatures.map((s) => ({
      type: { text: s.party === "client" ? "Client" : "Case manager" },
      who: whoOf(s),
      ...onBehalfOf(s),
    })),
    ...(hash
      ? { entity: [{ role: "source", what: { identifier: { type: { text: "SHA-256 of the signed plan content" }, value: hash } } }] }
      : {}),
    signature: input.signatures.map((s) => ({
      type: [
        s.party === "client"
          ? { system: SIGNATURE_TYPE, code: "1.2.840.10065.1.12.1.7", display: "Consent Signature" }
          : { system: SIGNATURE_TYPE, code: "1.2.840.10065.1.12.1.1", display: "Author's Signature" },
      ],
      when: s.at,
      who: whoOf(s),
      ...onBehalfOf(s),
      ...(s.method === "drawn" && s.image
        ? { sigFormat: "image/png", data: s.image.replace(/^data:image\/png;base64,/, "") }
        : {}),
    })),
  };
}
