/**
 * One writer per data folder. Two Coplan processes on one folder would each trust their own
 * in-memory index and revision checks, and could overwrite each other's saves; so the second one
 * refuses to start. A lock left by a process that no longer runs (a crash, a kill) is taken over.
 */
import { mkdirSync, openSync, readFileSync, unlinkSync, writeFileSync, closeSync } from "node:fs";
import { join } from "node:path";
import { DIR_MODE, FILE_MODE } from "./durable-file.ts";

export class FolderInUseError extends Error {}

function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * The running process that holds the data folder, if any, found without taking the lock (and so
 * without writing to the folder): for tools that only read it (npm run store:migrate).
 */
export function folderHolder(dataDir: string): number | null {
  let pid: number;
  try {
    pid = Number(readFileSync(join(dataDir, "coplan.lock"), "utf8"));
  } catch {
    return null;
  }
  return pid && pid !== process.pid && running(pid) ? pid : null;
}

export function lockDataDir(dataDir: string): () => void {
  // The data folder holds case data: its own account's alone (see durable-file.ts).
  mkdirSync(dataDir, { recursive: true, mode: DIR_MODE });
  const file = join(dataDir, "coplan.lock");
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, "wx", FILE_MODE);
      writeFileSync(fd, String(process.pid));
      closeSync(fd);
      return () => {
        try {
          if (readFileSync(file, "utf8") === String(process.pid)) unlinkSync(file);
        } catch {
          /* already gone */
        }
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      const pid = Number(readFileSync(file, "utf8"));
      if (pid && pid !== process.pid && running(pid)) {
        throw new FolderInUseError(`Another Coplan (process ${pid}) is already using the data folder ${dataDir}. Stop it first, or set COPLAN_DATA_DIR to another folder.`);
      }
      unlinkSync(file); // left behind by a process that has stopped
    }
  }
  throw new FolderInUseError(`Could not lock the data folder ${dataDir}.`);
}
