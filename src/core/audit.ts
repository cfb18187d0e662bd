// What `check` adds to the drift report as an auditor (SPEC §11): who changed the drifted clients, and clients
// nobody uses. Plain data, rendered by report/.
import type { Attribution } from './attribution.js';
import type { StaleReport } from './stale.js';

export interface CheckAudit {
  /** One per changed client, in plan order. */
  attributions: Attribution[];
  /** Absent when `stale-after-days` is 0. */
  stale?: StaleReport;
}
