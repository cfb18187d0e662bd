// Runs once around the whole suite: every temporary folder a test, the emulator or a spawned dist/ run makes lands
// in one folder of this run (TMPDIR, which os.tmpdir() reads and child processes inherit), removed at the end, so
// the suite leaves nothing behind however a test ends.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  const root = mkdtempSync(join(tmpdir(), 'genesys-oauth-sync-tests-'));
  process.env.TMPDIR = root;
  return () => rmSync(root, { recursive: true, force: true });
}
