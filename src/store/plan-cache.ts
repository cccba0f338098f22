/**
 * The plans read or saved most recently, kept as JSON text beside the fingerprint of the file each
 * one matches. A conversation reads its plan on every answer (to check the version, then to
 * change it); this spares the open, read, close and schema parse each time, while the fingerprint
 * check (one stat) still notices any other change to the file. Each reader gets its own fresh
 * copy (JSON.parse), so no caller can alter what another sees. Bounded by total size, least
 * recently used first out.
 */
export class PlanCache {
  private readonly entries = new Map<string, { fp: string; text: string }>();
  private chars = 0;

  constructor(private readonly maxChars: number) {}

  get(id: string, fp: string): string | undefined {
    const entry = this.entries.get(id);
    if (!entry) return undefined;
    this.entries.delete(id);
    if (entry.fp !== fp) {
      this.chars -= entry.text.length;
      return undefined;
    }
    this.entries.set(id, entry); // most recently used goes last
    return entry.text;
  }

  set(id: string, fp: string, text: string): void {
    this.delete(id);
    if (text.length > this.maxChars) return;
    this.entries.set(id, { fp, text });
    this.chars += text.length;
    for (const [oldest, entry] of this.entries) {
      if (this.chars <= this.maxChars) break;
      this.entries.delete(oldest);
      this.chars -= entry.text.length;
    }
  }

  delete(id: string): void {
    const entry = this.entries.get(id);
    if (!entry) return;
    this.entries.delete(id);
    this.chars -= entry.text.length;
  }
}
