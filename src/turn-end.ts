/**
 * The end of this turn of the event loop, for work that gathers what a turn's requests leave
 * behind and does it once: the journal's write (every save of the turn in one fdatasync) and the
 * audit log's append (every entry of the turn in one write).
 *
 * Normally that is the turn's check phase (setImmediate), after node has read every request that
 * was ready. But the journal's own setImmediate resumes the answers it saved, and their audit
 * entries are made right there, in the check phase: another setImmediate would wait a whole turn
 * more (on a busy server, several milliseconds of every answer). So while the promise jobs started
 * by one of these callbacks run, the turn's end is already here, and a caller waits only until
 * those jobs have run (a tick runs after them).
 */
let atTheEnd = false;

export function turnEnd(): Promise<void> {
  if (atTheEnd) return new Promise((resolve) => process.nextTick(resolve));
  return new Promise((resolve) =>
    setImmediate(() => {
      atTheEnd = true;
      // Queued ahead of the jobs that resolve() starts, this one queues a tick; ticks wait until the
      // job queue is empty, so the flag stays up until all of those jobs have run.
      queueMicrotask(() => process.nextTick(() => (atTheEnd = false)));
      resolve();
    }),
  );
}
