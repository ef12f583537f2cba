/**
 * The mock's shared types: its options, its state (what the route modules read and change) and its public handle.
 * The route modules depend on this one; it imports only types of leaf modules that never import it.
 */
import type { MockApplication } from './fixtures/applications.js';
import type { MockMeter } from './fixtures/meters.js';
import type { MockClock } from './clock.js';
import type { MockCustomer } from './incentives-engine.js';
import type { MockWebhookOptions, WebhookSender } from './webhook-sender.js';

export { MOCK_LIMITS } from './limits.js';

/** Faults a test or demo can ask for, by option or per request with the `x-mock-fault` header. */
export const MOCK_FAULTS = [
  /** Answer 500 (grid platform: a plain-string body, as Leap documents). */
  '500',
  '502',
  '503',
  /** Answer 429 with `Retry-After: 30`. */
  '429',
  /** Never answer (until `hangMs` passes or the caller gives up). */
  'timeout',
  /** 200 with a truncated JSON body. */
  'malformed-json',
  /** A normal answer with unknown fields added at every level. */
  'extra-fields',
  /** A normal incentives answer whose `connect_url` is a `javascript:` URL. */
  'unsafe-connect-url',
] as const;
export type MockFault = (typeof MOCK_FAULTS)[number];

export interface MockLeapOptions {
  /**
   * Keys accepted by both services. Default: any non-empty key. With a list, a request without a key gets 401 and one
   * with another key 403, as at Leap.
   */
  apiKeys?: string[];
  /** Delay before every answer, at most 10 s. The `x-mock-latency` header (milliseconds) overrides it per request. */
  latencyMs?: number;
  /** Apply this fault to every request (the `x-mock-fault` header wins). */
  fault?: MockFault | null;
  /** How long the `timeout` fault hangs before answering 504. Default 60 000 ms. */
  hangMs?: number;
  /** Clock for fixture dates and timestamps. */
  now?: () => Date;
  /**
   * `real` (default): scheduled work (job outcomes, connect-session steps, webhook retries, latency) runs when its time
   * comes, and earlier when `clock.tick()` or `advance()` moves the mock's clock past it. `manual`: the mock's clock
   * stands still and that work runs only when `clock.tick()` or `advance()` moves it: tests that never wait on time.
   */
  clock?: 'real' | 'manual';
  /**
   * Webhook delivery: `url` (with `headers`) subscribes one receiver to every event type; `attempts`, `backoffMs` and
   * `fetch` apply to every subscription, including those created with `POST /v1.1/webhooks`.
   */
  webhooks?: MockWebhookOptions;
  /** How long a connect session (`POST /mock/connect-sessions`) takes to create its meters. Default 3000 ms. */
  connectDelayMs?: number;
  /**
   * How long a create-meters job stays `PROCESSING` before its rows get their outcome. Default 1000 ms; 0 finishes the
   * job before answering.
   */
  jobDelayMs?: number;
  /** Adds this many synthetic meters (ids `00000000-0000-4000-8000-…`, references `synthetic-000000`…) for syncs. */
  meterCount?: number;
}

export interface AdvanceOptions {
  /** Moves the mock's clock forward this far first. Default 60 000 ms. */
  ms?: number;
  /** Changes this many enrollments (spread over the inventory), stamping them with the new time. Default 1. */
  changes?: number;
  /** Or changes exactly these meters. */
  meterIds?: string[];
}

/** A key for local use; the mock accepts any non-empty key unless `apiKeys` is set. */
export const MOCK_API_KEY = 'leap_test_mock_key';

/** `fetch`'s own signature, so the mock can be passed wherever a `fetch` is expected. */
export type FetchHandler = (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;

/** One row of a create-meters job (`AssetUploadStatus`): `meter_id` once a meter was created or updated. */
export interface MockAssetResult {
  partner_reference: string;
  status: 'PROCESSING' | 'COMPLETED' | 'FAILED' | 'DUPLICATE' | 'MULTIPLE_PARTNER_REFERENCE';
  status_detail: { name?: string; description?: string };
  created_at: string;
  meter_id?: string;
}

/** A create-meters job (`JobAndAssets`), with each row's submitted meter kept for the provisional-assets listing. */
export interface MockJob {
  job_id: string;
  status: 'PROCESSING' | 'COMPLETED' | 'COMPLETED_WITH_ERRORS' | 'FAILED';
  file_name: string;
  assets_count: number;
  assets_created_count: number;
  assets_updated_count: number;
  assets_failed_count: number;
  transmission_regions: string[];
  created_at: string;
  updated_at: string;
  assets: MockAssetResult[];
  /** The meters as submitted, row by row (not part of the job's answer). */
  data: Array<Record<string, unknown>>;
}

/** A customer's trip through Leap Connect, played by the mock (`POST /mock/connect-sessions`). */
export interface MockConnectSession {
  session_id: string;
  reference_id: string;
  utility: string;
  outcome: 'completed' | 'failed' | 'closed';
  status: 'CREATED' | 'UPDATED' | 'COMPLETED' | 'CLOSED';
  meter_ids: string[];
}

export interface MockLeapState {
  customers: Map<string, MockCustomer>;
  applications: MockApplication[];
  meters: MockMeter[];
  /** Connect sessions by id. */
  connectSessions: Map<string, MockConnectSession>;
  /** Create-meters jobs, oldest first. */
  jobs: MockJob[];
  /** Meters created so far (connect sessions and create-meters), against `MOCK_LIMITS.createdMeters`. */
  createdMeters: number;
  now: () => Date;
  nextId(): number;
  /** Delivers events to every subscribed receiver, and holds the subscriptions. */
  webhooks: WebhookSender;
  /** Runs `work` after `ms` of the mock's clock (cancelled by `dispose()`). */
  later(ms: number, work: () => void): void;
}

/** The mock as `fetch`, with its state, its clock, and a way to stop its timers. */
export type MockLeap = FetchHandler & {
  state: MockLeapState;
  /** The mock's clock: `now()`, `tick(ms)` to move it, `untilPending(n)` to wait for scheduled work. */
  clock: MockClock;
  /**
   * Time passes and some enrollments change, as they do at Leap between two daily polls, each change sending the
   * webhooks Leap would; answers the changed ids.
   */
  advance(options?: AdvanceOptions): string[];
  dispose(): void;
};
