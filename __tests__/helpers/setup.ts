// Runs before every test file.
import fc from 'fast-check';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// The Genesys SDK reads `~/.genesyscloudjavascript/config` when it is loaded: every test file gets an empty home
// folder of its own, so no developer's config can steer a test.
process.env.HOME = mkdtempSync(join(tmpdir(), 'genesys-home-'));

// Property tests explore new inputs on every local run; CI replays one fixed seed, so a landing never depends on luck.
if (process.env.CI) fc.configureGlobal({ seed: 20_261_126 });
