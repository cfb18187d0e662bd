// Runs before every test file: the Genesys SDK reads `~/.genesyscloudjavascript/config` when it is loaded, so every
// test gets an empty home folder of its own and no developer's config can steer a test.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

process.env.HOME = mkdtempSync(join(tmpdir(), 'genesys-home-'));
