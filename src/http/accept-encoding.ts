/**
 * Which of the encodings we keep a file in to send, from the request's Accept-Encoding (RFC 9110
 * §12.5.3): brotli when the browser takes it (it is the smaller), else gzip, else the bytes as
 * they are. "br;q=0" refuses brotli; "*" takes anything not named.
 */
export type Encoding = "br" | "gzip" | "identity";

export function chooseEncoding(header: string | undefined): Encoding {
  if (!header) return "identity";
  const weights = new Map<string, number>();
  for (const part of header.toLowerCase().split(",")) {
    const [token, ...params] = part.trim().split(";");
    if (!token) continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    const weight = q === undefined ? 1 : Number(q.slice(2));
    weights.set(token.trim(), Number.isFinite(weight) ? weight : 0);
  }
  const accepts = (name: string) => (weights.get(name) ?? weights.get("*") ?? 0) > 0;
  if (accepts("br")) return "br";
  if (accepts("gzip") || accepts("x-gzip")) return "gzip";
  return "identity";
}
