import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderTables, updateReadme } from '../../scripts/readme-table.js';

const root = resolve(import.meta.dirname, '../..');
const actionYml = readFileSync(resolve(root, 'action.yml'), 'utf8');

describe('README inputs and outputs tables', () => {
  it('match action.yml (run `npx tsx scripts/readme-table.ts` after changing action.yml)', () => {
    const readme = readFileSync(resolve(root, 'README.md'), 'utf8');
    expect(readme).toContain('<!-- inputs:start -->');
    expect(updateReadme(readme, actionYml)).toBe(readme);
    const { inputs, outputs } = renderTables(actionYml);
    expect(readme).toContain(inputs);
    expect(readme).toContain(outputs);
  });

  it('lists every input and output of action.yml', () => {
    const { inputs, outputs } = renderTables(actionYml);
    for (const name of ['mode', 'path', 'genesys-client-id', 'comment', 'prune', 'ignore', 'auto-approve', 'fail-on-drift', 'drift-issue'])
      expect(inputs).toContain(`\`${name}\``);
    for (const name of ['has-changes', 'plan-hash', 'plan-json', 'failure-reason', 'client-secrets'])
      expect(outputs).toContain(`\`${name}\``);
  });
});
