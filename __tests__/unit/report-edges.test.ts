// Report edges where a wrong sentence misleads a reviewer: each test was written against a mutant that survived the
// rest of the suite (issue 10).
import { describe, expect, it } from 'vitest';
import { COMMENT_LIMIT } from '../../src/report/budget.js';
import { parseMarker, renderMarker } from '../../src/report/marker.js';
import { renderReport } from '../../src/report/render.js';
import { aCreate, aDelete, aPlan, aReport, anUpdate, id, scalar } from '../helpers/report-builders.js';

const render = (plan: ReturnType<typeof aPlan>) => renderReport(aReport({ plan }), { limit: COMMENT_LIMIT, secrets: [] });

describe('the plan comment', () => {
  it('calls out a deactivation in the destructive-change warning even when the client changes more than its state', () => {
    const text = render(
      aPlan({ actions: [anUpdate('batch-job', [scalar('state', 'active', 'inactive'), scalar('description', '', 'old')])] }),
    );
    const warning = text.slice(0, text.indexOf('#### Changes'));
    expect(warning).toContain('batch-job');
    expect(warning).toMatch(/deactivat/i);
  });

  it('says where the new secret goes when it is written to a file', () => {
    const text = render(aPlan({ actions: [aCreate('web', {}, { directory_client_secret: 'secrets' })] }));
    expect(text).toContain('a file named after the client id in `secrets`');
  });

  it('never calls unmanaged clients "left alone" when `prune` deletes them', () => {
    const text = render(aPlan({ actions: [aDelete('made-in-ui', 'u-1')], unmanaged: [{ id: id('u-1'), name: 'made-in-ui' }] }));
    expect(text).not.toContain('left alone');
    expect(text).toContain('so they are deleted');
  });
});

describe('parseMarker', () => {
  it('ignores a marker quoted in a reply, so a pasted copy never passes for the tool’s own', () => {
    const marker = renderMarker({ tool: 'genesys-oauth-sync', version: 1, kind: 'plan', label: 'prod', hash: 'h1' });
    expect(parseMarker(`> ${marker}`)).toBeUndefined();
    expect(parseMarker(`text ${marker}`)).toBeUndefined();
    expect(parseMarker(`intro\n${marker}`)?.hash).toBe('h1');
  });
});

describe('which live client a change is about', () => {
  it('shows the id and creation date of every matched client the plan and the drift issue name', async () => {
    const { buildPlan } = await import('../../src/core/plan.js');
    const { renderDriftItems } = await import('../../src/report/drift-details.js');
    const { aDefinition, aLiveClient, anOrg, clientId, PLAN_OPTIONS } = await import('../helpers/builders.js');
    const org = anOrg();
    org.clients.push(
      aLiveClient({ id: clientId('c-1'), name: 'admin-bot', description: 'swapped', dateCreated: '2026-11-28T09:00:00.000Z' }),
      aLiveClient({ id: clientId('c-2'), name: 'stray', dateCreated: '2019-01-02T00:00:00Z' }),
    );
    const plan = buildPlan([aDefinition({ name: 'admin-bot' })], org, { ...PLAN_OPTIONS, prune: true });
    const text = render(plan);
    expect(text).toContain('id `c-1`, created `2026-11-28`');
    expect(text).toContain('id `c-2`, created `2019-01-02`');
    expect(renderDriftItems(plan.actions).join('\n')).toContain('`admin-bot` (id `c-1`, created `2026-11-28`) **differs**');
  });
});
