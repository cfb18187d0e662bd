// The README's inputs/outputs tables are generated from action.yml, so the two never disagree.
// `npx tsx scripts/readme-table.ts` rewrites the tables between the markers; a test keeps them fresh.
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';

interface ActionYml {
  inputs: Record<string, { description: string; default?: string }>;
  outputs: Record<string, { description: string }>;
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ').trim();

export function renderTables(actionYml: string): { inputs: string; outputs: string } {
  const action = parse(actionYml) as ActionYml;
  const inputs = [
    '| input | default | description |',
    '|---|---|---|',
    ...Object.entries(action.inputs).map(
      ([name, i]) => `| \`${name}\` | ${i.default === undefined ? '' : `\`${cell(i.default)}\``} | ${cell(i.description)} |`,
    ),
  ].join('\n');
  const outputs = [
    '| output | description |',
    '|---|---|',
    ...Object.entries(action.outputs).map(([name, o]) => `| \`${name}\` | ${cell(o.description)} |`),
  ].join('\n');
  return { inputs, outputs };
}

export function updateReadme(readme: string, actionYml: string): string {
  const tables = renderTables(actionYml);
  return readme
    .replace(/(<!-- inputs:start -->)[\s\S]*?(<!-- inputs:end -->)/, `$1\n${tables.inputs}\n$2`)
    .replace(/(<!-- outputs:start -->)[\s\S]*?(<!-- outputs:end -->)/, `$1\n${tables.outputs}\n$2`);
}

const root = resolve(import.meta.dirname, '..');
if (process.argv[1] && resolve(process.argv[1]) === resolve(root, 'scripts/readme-table.ts')) {
  const readmePath = resolve(root, 'README.md');
  writeFileSync(readmePath, updateReadme(readFileSync(readmePath, 'utf8'), readFileSync(resolve(root, 'action.yml'), 'utf8')));
}
