import { describe, expect, it } from 'vitest';
import { COMMENT_LIMIT, SUMMARY_LIMIT, fitBlocks, measure } from '../../src/report/budget.js';
import type { ReportBlock } from '../../src/report/budget.js';
import { renderReport } from '../../src/report/render.js';
import { aPlan, aReport, anUpdate, scalar } from '../helpers/report-builders.js';

const items = (count: number, width = 10) => Array.from({ length: count }, (_, i) => `- item ${String(i).padStart(width, '0')}`);
const more = (n: number) => `… and ${n} more`;

describe('fitBlocks', () => {
  it('keeps every item when the whole fits', () => {
    const text = fitBlocks([{ head: '# Head' }, { head: '## List', items: items(3), omitted: more }], { limit: 1_000, unit: 'characters' });
    expect(text).toBe('# Head\n\n## List\n\n- item 0000000000\n- item 0000000001\n- item 0000000002');
  });

  it('drops whole items from the end and says how many are missing, keeping every head', () => {
    const blocks: ReportBlock[] = [{ head: '# Head' }, { head: '## List', items: items(100), omitted: more }, { head: '--- status' }];
    const text = fitBlocks(blocks, { limit: 300, unit: 'characters' });
    expect(text.length).toBeLessThanOrEqual(300);
    expect(text.startsWith('# Head\n\n## List\n\n- item 0000000000\n')).toBe(true);
    expect(text.endsWith('--- status')).toBe(true);
    const shown = text.split('\n').filter((line) => line.startsWith('- item')).length;
    expect(shown).toBeGreaterThan(5);
    expect(text).toContain(`… and ${100 - shown} more`);
    expect(text).not.toMatch(/- item \d{0,9}\n/); // no half item
  });

  it('fills lower priorities first, whatever their place in the document', () => {
    const blocks: ReportBlock[] = [
      { head: 'details', items: items(50), omitted: more, priority: 3 },
      { head: 'problems', items: items(5), omitted: more, priority: 0 },
    ];
    const text = fitBlocks(blocks, { limit: 250, unit: 'characters' });
    expect(text.indexOf('details')).toBeLessThan(text.indexOf('problems'));
    expect(text.split('problems')[1]?.match(/- item/g)).toHaveLength(5);
    const details = text.split('problems')[0]?.match(/- item/g)?.length ?? 0;
    expect(details).toBeLessThan(50);
    expect(text).toContain(`… and ${50 - details} more`);
  });

  it('counts bytes for the job summary, so multi-byte text never overflows it', () => {
    const wide = Array.from({ length: 500 }, (_, i) => `- 客户端 ${i} 🚀`);
    const text = fitBlocks([{ head: 'h', items: wide, omitted: more }], { limit: 2_000, unit: 'bytes' });
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(2_000);
    expect(Buffer.byteLength(text)).toBeGreaterThan(1_800);
    const byCharacters = fitBlocks([{ head: 'h', items: wide, omitted: more }], { limit: 2_000, unit: 'characters' });
    expect(Buffer.byteLength(byCharacters)).toBeGreaterThan(2_000);
  });

  it('cuts hard, and says so, when even the fixed parts are too big', () => {
    const text = fitBlocks([{ head: 'x'.repeat(500) }, { head: 'status' }], { limit: 100, unit: 'characters' });
    expect(text.length).toBeLessThanOrEqual(100);
    expect(text).toMatch(/cut to fit/);
  });

  it('never splits a surrogate pair when cutting hard', () => {
    const text = fitBlocks([{ head: '🚀'.repeat(100) }], { limit: 100, unit: 'characters' });
    expect(text).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });

  it('measures characters and bytes differently', () => {
    expect(measure('é🚀', 'characters')).toBe(3);
    expect(measure('é🚀', 'bytes')).toBe(6);
  });
});

describe('renderReport within budget, 5,000 clients that each change', () => {
  const actions = Array.from({ length: 5_000 }, (_, i) =>
    anUpdate(`überweisung-客户-${String(i).padStart(4, '0')}`, [
      scalar('description', `old ${i}`, `new description ${i} 🚀`),
      { kind: 'set', field: 'scopes', added: ['users'], removed: ['analytics'] },
    ]),
  );
  const report = aReport({ plan: aPlan({ actions }), warnings: [{ message: 'a warning that must survive' }] });

  it('fits a comment, keeping the headline, counts, warnings and status line, with a note for the rest', () => {
    const text = renderReport(report, { limit: COMMENT_LIMIT, secrets: [] });
    expect(text.length).toBeLessThanOrEqual(COMMENT_LIMIT);
    expect(text).toMatch(/^<!-- genesys-oauth-sync \{/);
    expect(text).toContain('### Genesys OAuth clients: plan for `prod`');
    expect(text).toContain('**0 to create, 5000 to update, 0 to delete**');
    expect(text).toContain('a warning that must survive');
    expect(text.trimEnd().split('\n').at(-1)).toMatch(/^📝 Plan for `prod` generated in \[plan #12\]/);
    const shown = text.match(/<details>/g)?.length ?? 0;
    expect(text.match(/<\/details>/g)?.length).toBe(shown);
    expect(shown).toBeGreaterThan(50);
    expect(text).toContain(`… and ${5_000 - shown} more clients not shown: see the job summary or the \`plan-json\` file.`);
  });

  it('fits the job summary in bytes, showing many more clients than the comment', () => {
    const text = renderReport(report, { limit: SUMMARY_LIMIT, secrets: [], unit: 'bytes' });
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(SUMMARY_LIMIT);
    const shown = text.match(/<details>/g)?.length ?? 0;
    expect(shown).toBeGreaterThan(1_000);
    expect(text).toContain(`… and ${5_000 - shown} more clients not shown`);
  });

  it("counts bytes by default for limits above a comment's", () => {
    const text = renderReport(report, { limit: SUMMARY_LIMIT, secrets: [] });
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(SUMMARY_LIMIT);
  });

  it('keeps every problem count even when the list itself must be cut', () => {
    const problems = Array.from({ length: 5_000 }, (_, i) => ({
      file: `genesys/oauth-clients/c${i}.yaml`,
      line: 1,
      column: 1,
      message: `problem number ${i} `.repeat(5),
    }));
    const text = renderReport(aReport({ kind: 'validate', problems }), { limit: COMMENT_LIMIT, secrets: [] });
    expect(text.length).toBeLessThanOrEqual(COMMENT_LIMIT);
    expect(text).toContain('#### ❌ 5000 problems');
    expect(text).toMatch(/… and \d+ more problems not shown/);
    expect(text).toContain('nothing was sent to Genesys');
  });
});

describe('fitBlocks at the edge of the budget', () => {
  const list: ReportBlock = { head: 'H', items: ['aaaa', 'bbbb', 'cccc'], omitted: more };
  const fitIn = (blocks: ReportBlock[], limit: number) => fitBlocks(blocks, { limit, unit: 'characters' });

  // The fixed part `H\n\n… and 3 more` is 15 characters, with room kept for the note; each item costs itself and a blank line.
  it.each([
    [27, 'H\n\naaaa\nbbbb\n\n… and 1 more'],
    [32, 'H\n\naaaa\nbbbb\n\n… and 1 more'],
    [33, 'H\n\naaaa\nbbbb\ncccc'],
  ])('within %i characters gives %j', (limit, text) => {
    expect(fitIn([list], limit)).toBe(text);
  });

  it('reserves no note for a block without items, and shows none', () => {
    expect(fitIn([list, { head: 'T', omitted: more }], 30)).toBe('H\n\naaaa\nbbbb\n\n… and 1 more\n\nT');
  });

  it('starts a block without a head at its first item', () => {
    expect(fitIn([{ head: 'H' }, { items: ['a', 'b'] }], 100)).toBe('H\n\na\nb');
  });

  it('leaves a text exactly at the limit whole', () => {
    expect(fitIn([{ head: 'x'.repeat(100) }], 100)).toBe('x'.repeat(100));
  });

  it('cuts hard to exactly the limit, note included', () => {
    const note = '\n\n… (cut to fit; see the job summary)';
    expect(fitIn([{ head: 'x'.repeat(500) }], 100)).toBe('x'.repeat(100 - note.length) + note);
  });
});
