/**
 * Which plans changed while a read of one was under way: the PostgreSQL store keeps a plan it read
 * (or saved) only if no change to THAT plan was heard since the read began, and none could have
 * been missed (a gap in hearing). It used to ask whether any change at all had been heard: under
 * load, with other plans changing every millisecond, nearly nothing was ever kept, and every answer
 * read and parsed its whole plan two or three times over (issue 21 (g)).
 *
 * A change heard to a revision no newer than the one read is that read's own save (or older): the
 * copy read is then as new as anything heard, and may be kept.
 *
 * What each plan's last change is remembered for is capped; once a plan's record has gone, any
 * read begun before the newest record that went is treated as overlapping a change (not kept).
 */

/** Where a read began: pass it back to `quiet` when the read is done. */
export interface ReadStart {
  gap: number;
  change: number;
}

export class HeardChanges {
  /** Moves on with every start or end of hearing: a read across one is never kept. */
  private gaps = 0;
  /** Moves on with every change heard. */
  private changes = 0;
  /** Each plan's last change heard: the `changes` count it moved to, and the revision; oldest first. */
  private readonly last = new Map<string, { at: number; rev: number }>();
  /** The highest count among the records let go: a plan with no record may have changed up to there. */
  private forgotten = 0;

  constructor(private readonly cap = 10_000) {}

  /** Call as a read (or a save) begins. */
  begin(): ReadStart {
    return { gap: this.gaps, change: this.changes };
  }

  /** A change to `id`, making revision `rev`, was heard. */
  heard(id: string, rev: number): void {
    this.changes++;
    const rec = this.last.get(id);
    this.last.delete(id);
    this.last.set(id, { at: this.changes, rev: Math.max(rev, rec?.rev ?? 0) });
    if (this.last.size > this.cap) {
      const [oldest, { at }] = this.last.entries().next().value!;
      this.last.delete(oldest);
      this.forgotten = Math.max(this.forgotten, at);
    }
  }

  /** Hearing started or stopped: whatever was read before may have changed unheard. */
  gap(): void {
    this.gaps++;
  }

  /** Whether revision `rev` of `id`, read since `start`, is as new as every change heard (or missed) since. */
  quiet(id: string, rev: number, start: ReadStart): boolean {
    if (start.gap !== this.gaps) return false;
    const rec = this.last.get(id);
    if (!rec) return this.forgotten <= start.change;
    return rec.at <= start.change || rec.rev <= rev;
  }
}
