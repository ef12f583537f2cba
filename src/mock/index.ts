/** A local mock of Leap's APIs for demos and integration tests: `createMockLeap()` returns a fetch handler. */
export {
  createMockLeap,
  MOCK_API_KEY,
  MOCK_FAULTS,
  type FetchHandler,
  type MockFault,
  type MockLeap,
  type MockLeapOptions,
  type MockLeapState,
} from './mock-leap.js';
export type { MockDelivery, MockWebhookOptions } from './webhook-sender.js';
export {
  MOCK_ADDRESSES,
  MOCK_DEVICES,
  UNGEOCODABLE_POSTAL_CODE,
  type MockAddressFixture,
} from './fixtures/incentives.js';
export { DEMO_REFERENCE_ID, OPEN_ENDED } from './fixtures/meters.js';
