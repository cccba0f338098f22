/**
 * Name-based UUIDs (RFC 9562 version 5), so an export's `urn:uuid:` fullUrls are the same every
 * time the same plan version is exported: a receiver can recognise a resource it has seen, and a
 * test can compare two exports byte for byte. No randomness, no clock.
 */
import { createHash } from "node:crypto";

/** The RFC's URL namespace: our names are URLs under the export's base URL. */
const URL_NAMESPACE = "6ba7b811-9dad-11d1-80b4-00c04fd430c8";

export function uuidV5(name: string, namespace: string = URL_NAMESPACE): string {
  const ns = Buffer.from(namespace.replace(/-/g, ""), "hex");
  const bytes = createHash("sha1").update(ns).update(name, "utf8").digest().subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50; // version 5
  bytes[8] = (bytes[8] & 0x3f) | 0x80; // the RFC's variant
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
