// Secret delivery edges where a wrong answer leaks or misplaces a secret: each test was written against a mutant
// that survived the rest of the suite (issue 10).
import { mkdir, mkdtemp, readdir, rm, symlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type DeliveredSecret, deliverClientSecret, writeSecretFile } from '../../src/apply/secrets.js';
import type { ClientId } from '../../src/core/types.js';
import { redactSecrets } from '../../src/report/redact.js';

const SECRET = 'Sx9 sentinel/secret+value&more';
const created: DeliveredSecret = { client: 'web-app', clientId: 'f3a1c2d4-client' as ClientId, secret: SECRET };

let sandbox: string;
let workspace: string;

beforeEach(async () => {
  sandbox = await mkdtemp(path.join(os.tmpdir(), 'apply-secrets-edges-'));
  workspace = path.join(sandbox, 'repo');
  await mkdir(workspace);
});

afterEach(async () => {
  await rm(sandbox, { recursive: true, force: true });
});

describe('writeSecretFile', () => {
  // The re-check after creating the folder guards a race (a link swapped in between the two checks); no
  // deterministic test reaches it, so a mutant removing it survives by construction.
  it('writes nothing outside the workspace through a link that points to a folder not created yet', async () => {
    await mkdir(path.join(sandbox, 'elsewhere'));
    await symlink(path.join(sandbox, 'elsewhere', 'later'), path.join(workspace, 'linked'));
    await expect(writeSecretFile(workspace, 'linked', created)).rejects.toThrow();
    expect(await readdir(path.join(sandbox, 'elsewhere'), { recursive: true })).toEqual([]);
  });
});

describe('deliverClientSecret', () => {
  it('never repeats the secret when masking it fails with an error that quotes it', async () => {
    const report = await deliverClientSecret(
      created,
      { expose_client_secret: true },
      {
        org: { createIntegrationCredential: async () => 'unused', updateIntegrationCredential: async () => undefined },
        workspace,
        onSecret: (value) => {
          throw new Error(`cannot mask ${value}`);
        },
        deliverSecret: () => undefined,
      },
    );
    expect(report.deliveredTo).toEqual([]);
    expect(JSON.stringify(report)).not.toContain('sentinel');
  });
});

describe('redactSecrets', () => {
  it('redacts the form-encoded secret, as it appears in a logged request body', () => {
    const body = new URLSearchParams({ grant_type: 'client_credentials', client_secret: SECRET }).toString();
    expect(redactSecrets(body, [SECRET])).toBe('grant_type=client_credentials&client_secret=***');
  });
});
