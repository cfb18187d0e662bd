// Annotations within GitHub's limits: errors at once, warnings and notices held, ranked, ten of each, the rest as log lines.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AnnotationBook } from '../../src/action/annotations.js';
import type { ChangeAnnotation } from '../../src/report/change-annotations.js';

let out: string[];
beforeEach(() => {
  out = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out.push(...chunk.toString().split('\n').filter(Boolean));
    return true;
  });
});
afterEach(() => {
  vi.restoreAllMocks();
});

const book = () => new AnnotationBook((text) => text.replace(/EVIL/g, '[clean]'));
const change = (client: string, level: 'warning' | 'notice', line = 3): ChangeAnnotation => ({
  client,
  level,
  message: `${level} for ${client}`,
  position: { file: `defs/${client}.yaml`, line, column: 1 },
});

describe('AnnotationBook', () => {
  it('writes an error at once, cleaned, at its file, line and column, titled with its client', () => {
    const b = book();
    b.problem('error', { file: 'a.yaml', line: 4, column: 7, client: 'EVIL-app', message: 'bad EVIL' });
    b.problem('error', { message: 'no place' });
    b.problem('error', { file: 'b.yaml', line: 1, column: 1, message: 'no client' });
    expect(out).toEqual([
      '::error title=genesys-oauth-sync%3A [clean]-app,file=a.yaml,line=4,col=7::bad [clean]',
      '::error::no place',
      '::error title=genesys-oauth-sync,file=b.yaml,line=1,col=1::no client',
    ]);
  });

  it('holds warnings and notices until flush, then writes lost roles and deactivations first, notices last', () => {
    const b = book();
    b.problem('warning', { file: 'a.yaml', line: 2, column: 1, message: 'a problem warning' });
    b.changes([change('one', 'notice'), change('two', 'warning', 5)]);
    expect(out).toEqual([]);
    b.flush();
    expect(out).toEqual([
      '::warning title=genesys-oauth-sync%3A two,file=defs/two.yaml,line=5::warning for two',
      '::warning title=genesys-oauth-sync,file=a.yaml,line=2,col=1::a problem warning',
      '::notice title=genesys-oauth-sync%3A one,file=defs/one.yaml,line=3::notice for one',
    ]);
    out.length = 0;
    b.flush();
    expect(out).toEqual([]);
  });

  it('annotates ten of each kind and logs the rest with their place, saying how many more there were', () => {
    const b = book();
    const names = Array.from({ length: 12 }, (_, index) => `c${index + 1}`);
    b.changes([
      ...names.map((name) => change(name, 'notice')),
      change('w1', 'warning'),
      ...names.slice(0, 11).map((n) => change(`w-${n}`, 'warning')),
    ]);
    b.problem('warning', { message: 'EVIL with no place' });
    b.flush();
    expect(out.filter((line) => line.startsWith('::warning'))).toHaveLength(10);
    expect(out.filter((line) => line.startsWith('::notice'))).toHaveLength(10);
    expect(out.filter((line) => !line.startsWith('::'))).toEqual([
      'warning: defs/w-c10.yaml:3: warning for w-c10',
      'warning: defs/w-c11.yaml:3: warning for w-c11',
      'warning: [clean] with no place',
      'notice: defs/c11.yaml:3: notice for c11',
      'notice: defs/c12.yaml:3: notice for c12',
      '3 more warnings than GitHub annotates in one step: see the log above and the job summary.',
      '2 more notices than GitHub annotates in one step: see the log above and the job summary.',
    ]);
  });

  it('says "1 more notice" for one', () => {
    const b = book();
    b.changes(Array.from({ length: 11 }, (_, index) => change(`c${index}`, 'notice')));
    b.flush();
    expect(out.at(-1)).toBe('1 more notice than GitHub annotates in one step: see the log above and the job summary.');
  });
});
