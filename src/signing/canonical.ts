/**
 * A canonical serialisation: the same content always gives the same bytes, whatever order its
 * keys were written in. JSON with object keys sorted by code point, no whitespace, and undefined
 * members dropped, which is what RFC 8785 (JCS) gives for the strings, numbers and booleans a plan
 * holds. Its SHA-256 is what both people sign.
 */
import { hash } from "node:crypto";

export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") {
    if (typeof value === "number" && !Number.isFinite(value)) throw new Error("A plan holds no infinite numbers.");
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? "null" : canonicalJson(v))).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

/** SHA-256 of the text's UTF-8 bytes, in hex. crypto.hash: one call, no Hash object per use. */
export function sha256Hex(text: string): string {
  return hash("sha256", text, "hex");
}
