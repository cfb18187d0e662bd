// `check` at a terminal, as an auditor: who changed a drifted client, and the clients nobody uses, in the CLI's words.
import { describe, expect, it } from 'vitest';
import { attributionText, staleLines } from '../../src/cli/audit-lines.js';
import { COLOURS, PLAIN } from '../../src/cli/terminal.js';
import type { Attribution, Modifier } from '../../src/core/attribution.js';
import type { CheckAudit } from '../../src/core/audit.js';
import type { StaleReport } from '../../src/core/stale.js';
import { clientId } from '../helpers/builders.js';

const attribution = (overrides: { dateModified?: string; modifiedBy?: Modifier } = {}): Attribution => ({
  client: 'web',
  id: clientId('id-web'),
  ...overrides,
});
const JANE: Modifier = { kind: 'user', id: 'u-jane', name: 'Jane Doe' };
const AT = '2026-11-29T09:14:37.512Z';

describe('attributionText', () => {
  it('says nothing when there is no attribution', () => {
    expect(attributionText(undefined)).toBe('');
  });

  it('says nothing when Genesys recorded neither who nor when', () => {
    expect(attributionText(attribution())).toBe('');
  });

  it.each<[string, Modifier, string]>([
    ['a user by name', JANE, 'changed by Jane Doe'],
    ['an OAuth client as one', { kind: 'client', id: 'id-bot', name: 'deploy-bot' }, 'changed by the OAuth client deploy-bot'],
    [
      'an unnamed modifier by id, with the permission that would name it',
      { kind: 'unnamed', id: 'u-4711', permission: 'directory:user:view' },
      "changed by u-4711 (grant directory:user:view to the Action's client to see the name)",
    ],
    ['an unnamed modifier by id alone when no permission would name it', { kind: 'unnamed', id: 'u-4711' }, 'changed by u-4711'],
  ])('names %s', (_, modifiedBy, expected) => {
    expect(attributionText(attribution({ modifiedBy }))).toBe(expected);
  });

  it('says when alone, to the minute in UTC, when nobody is recorded', () => {
    expect(attributionText(attribution({ dateModified: AT }))).toBe('changed at 2026-11-29 09:14 UTC');
  });

  it('says who and when together', () => {
    expect(attributionText(attribution({ modifiedBy: JANE, dateModified: AT }))).toBe('changed by Jane Doe at 2026-11-29 09:14 UTC');
  });

  it('turns a time with an offset into UTC', () => {
    expect(attributionText(attribution({ dateModified: '2026-11-29T10:14:00+01:00' }))).toBe('changed at 2026-11-29 09:14 UTC');
  });

  it('shows a time it cannot read as Genesys wrote it, with its control characters made visible', () => {
    expect(attributionText(attribution({ modifiedBy: JANE, dateModified: 'yesterday\u001b[2J' }))).toBe(
      'changed by Jane Doe at yesterday␛[2J',
    );
  });

  it.each<[string, Modifier, string]>([
    ["a user's name", { kind: 'user', id: 'u-1', name: 'Jane\u001b]52;c;x\u0007' }, 'changed by Jane␛]52;c;x␇'],
    ["a client's name", { kind: 'client', id: 'c-1', name: 'bot\r\nrm' }, 'changed by the OAuth client bot⏎rm'],
    ["an unnamed modifier's id", { kind: 'unnamed', id: 'u\u001b[1m' }, 'changed by u␛[1m'],
  ])('makes the control characters in %s visible', (_, modifiedBy, expected) => {
    expect(attributionText(attribution({ modifiedBy }))).toBe(expected);
  });
});

const stale = (overrides: Partial<StaleReport> = {}): CheckAudit => ({
  attributions: [],
  stale: { afterDays: 90, since: '2025-11-29T12:00:00.000Z', clients: [], ...overrides },
});

describe('staleLines', () => {
  it('prints nothing without an audit, or when the listing is off', () => {
    expect(staleLines(undefined, PLAIN)).toEqual([]);
    expect(staleLines({ attributions: [] }, PLAIN)).toEqual([]);
  });

  it('prints nothing when every client is in use', () => {
    expect(staleLines(stale(), PLAIN)).toEqual([]);
  });

  it('says why the unused clients are not listed, and which permission would list them', () => {
    const audit = stale({ unavailable: { message: 'Genesys 403', permission: 'analytics:usage:view' } });
    expect(staleLines(audit, PLAIN)).toEqual([
      "Unused clients not listed: Genesys' usage API could not be read. Grant analytics:usage:view to the Action's client to list them.",
    ]);
  });

  it('says why they are not listed without a fix when no permission would help', () => {
    expect(staleLines(stale({ unavailable: { message: 'Genesys 503' } }), PLAIN)).toEqual([
      "Unused clients not listed: Genesys' usage API could not be read.",
    ]);
  });

  it('lists each unused client with its id, whether it is managed, and its last use or the start of the window', () => {
    const audit = stale({
      afterDays: 30,
      clients: [
        { name: 'old-batch', id: clientId('id-old'), managed: true, lastUsed: '2026-06-01' },
        { name: 'made-in-ui', id: clientId('id-ui'), managed: false },
      ],
    });
    expect(staleLines(audit, PLAIN)).toEqual([
      'Unused for 30 days or more (not drift; --stale-after-days sets the window):',
      '  old-batch (id-old): last used 2026-06-01',
      '  made-in-ui (id-ui, unmanaged): no use since 2025-11-29',
    ]);
  });

  it('colours the heading bold, the ids dim and the unavailable notice yellow', () => {
    const listed = stale({ clients: [{ name: 'old\u001b[2J', id: clientId('id-old'), managed: false }] });
    expect(staleLines(listed, COLOURS)).toEqual([
      '\u001b[1mUnused for 90 days or more (not drift; --stale-after-days sets the window):\u001b[0m',
      '  old␛[2J\u001b[2m (id-old, unmanaged)\u001b[0m: no use since 2025-11-29',
    ]);
    expect(staleLines(stale({ unavailable: { message: 'Genesys 503' } }), COLOURS)).toEqual([
      "\u001b[33mUnused clients not listed: Genesys' usage API could not be read.\u001b[0m",
    ]);
  });
});
