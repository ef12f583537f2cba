/** A local mock of Leap's APIs for demos and integration tests: `createMockLeap()` returns a fetch handler. */
export { createMockLeap } from './mock-leap.js';
export {
  MOCK_API_KEY,
  MOCK_FAULTS,
  MOCK_LIMITS,
  type AdvanceOptions,
  type FetchHandler,
  type MockConnectSession,
  type MockFault,
  type MockLeap,
  type MockLeapOptions,
  type MockLeapState,
} from './types.js';
export { MockClock } from './clock.js';
export {
  MOCK_WEBHOOK_EVENT_TYPES,
  type MockDelivery,
  type MockSubscription,
  type MockTestResult,
  type MockWebhookEvent,
  type MockWebhookOptions,
} from './webhook-sender.js';
export {
  MOCK_ADDRESSES,
  MOCK_DEVICES,
  UNGEOCODABLE_POSTAL_CODE,
  type MockAddressFixture,
} from './fixtures/incentives.js';
export { DEMO_REFERENCE_ID, OPEN_ENDED } from './fixtures/meters.js';
