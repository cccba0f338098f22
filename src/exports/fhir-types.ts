/**
 * The FHIR shapes the bundle's builders share. Apart from fhir.ts so that fhir-provenance.ts,
 * which fhir.ts calls, need not import fhir.ts back.
 */
export interface FhirResource {
  resourceType: string;
  id: string;
  [element: string]: unknown;
}

export type Ref = { reference?: string; type?: string; display?: string; identifier?: object };
