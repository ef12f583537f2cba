/** The mock's limits, in a module of their own so every part of the mock can read them without an import circle. */

/**
 * What the mock holds at most, so its memory stays bounded whoever calls it: past a limit it refuses (429) or the row
 * fails, saying which limit; restarting the mock starts afresh.
 */
export const MOCK_LIMITS = {
  /** Connect sessions (`POST /mock/connect-sessions`). */
  connectSessions: 10_000,
  /** Customers of the Incentives API (distinct `reference_id` of lookups). */
  customers: 10_000,
  /** Meters created by connect sessions and create-meters (synthetic `meterCount` meters are not counted). */
  createdMeters: 10_000,
  /** Create-meters jobs, and rows in one job. */
  jobs: 10_000,
  rowsPerJob: 10_000,
  /** Webhook subscriptions. */
  webhooks: 100,
  /** Delivery records kept in `state.webhooks.deliveries` (the oldest go first). */
  deliveryRecords: 10_000,
  /** Latency (option or `x-mock-latency`), in milliseconds. */
  latencyMs: 10_000,
  /** Request bodies, in bytes. */
  bodyBytes: 16 * 1024 * 1024,
} as const;
