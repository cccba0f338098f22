/**
 * What a verification asks of the list of seals made before seals were keyed. Apart from
 * legacy-seals.ts, which needs the Signer from keys.ts, so keys.ts can name it without a circle.
 */

/** What a verification asks of the list: whether an old seal is on it, or why none can be confirmed. */
export interface LegacySeals {
  status(planId: string, version: number, contentHash: string): "listed" | "unlisted" | { unconfirmable: string };
}

export interface LegacySeal {
  planId: string;
  version: number;
  contentHash: string;
}
