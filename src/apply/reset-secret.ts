// A secret reset, for reconciliation (apply) and rotation alike: Genesys issues a new secret and ends the old one at
// once, so the new one goes to every channel the client declares, not only the one that was missing.
import type { ClientId, ClientOutcome, SecretDelivery } from '../core/types.js';
import type { GenesysConnection } from '../genesys/contract.js';
import { type DeliveredSecret, type DeliveryContext, deliverClientSecret } from './secrets.js';

export type SecretResetOutcome = Extract<ClientOutcome, { kind: 'secret-reset' }>;

/** Resets the client's secret and delivers it; throws only when the reset itself fails (nothing changed then). */
export async function resetAndDeliver(
  target: { client: string; id: ClientId; delivery: SecretDelivery },
  context: DeliveryContext & { org: Pick<GenesysConnection, 'resetClientSecret'>; log(line: string): void },
): Promise<SecretResetOutcome> {
  context.log(`Resetting the secret of \`${target.client}\`.`);
  const secret = await context.org.resetClientSecret(target.id, target.client);
  const delivered: DeliveredSecret = { client: target.client, clientId: target.id, secret };
  const report = await deliverClientSecret(delivered, target.delivery, context);
  for (const failure of report.failures) {
    context.log(`Could not deliver the new secret of \`${target.client}\` to ${failure.channel}: ${failure.error.message}`);
  }
  if (report.failures.length === 0) context.log(`Reset the secret of \`${target.client}\` and delivered it.`);
  return {
    kind: 'secret-reset',
    client: target.client,
    id: target.id,
    secretDeliveredTo: report.deliveredTo,
    ...(report.failures.length > 0 ? { deliveryFailures: report.failures } : {}),
  };
}
