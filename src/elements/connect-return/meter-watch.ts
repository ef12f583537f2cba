/**
 * After the customer connects, Leap creates their meters a little later: this watches the customer's meters
 * (`GET {base}/meters`) until new ones appear. It asks at once, after 2 s, then less often (×1.5, at most every 15 s),
 * only while the page is visible and the element on it, and gives up after a while of watching (three minutes of
 * visible time by default). A meter is new when it was not there at the first answer, or was created in the quarter of an
 * hour before the page opened (the flow may finish before it).
 */
import type { ReactiveControllerHost } from 'lit';
import { isRetryable, toFailure } from '../../core/failure.js';
import { checkAnswer } from '../../core/schemas/shape.js';
import { CustomerMeterListShape } from '../../core/schemas/shapes.generated.js';
import type { CustomerMeter, CustomerMeterList } from '../../core/types.generated.js';
import { LeapApiClient } from '../shared/api-client.js';
import { Poll } from '../shared/controllers/poll.js';
import { sessionClientFor } from '../shared/session.js';

const FIRST_DELAY_MS = 2_000;
const MAX_DELAY_MS = 15_000;
const RECENT_MS = 15 * 60_000;

export type WatchState = 'off' | 'linking' | 'connected' | 'timed-out' | 'failed';

export class MeterWatch {
  #state: WatchState = 'off';
  #meters: CustomerMeter[] = [];
  #sample = false;
  #client: LeapApiClient | null = null;
  #known: Set<string> | null = null;
  readonly #startedAt = Date.now();
  #giveUpAfterMs = 180_000;
  readonly #host: ReactiveControllerHost;
  readonly #onConnected: (meters: CustomerMeter[]) => unknown;
  readonly #onGaveUp: (error?: unknown) => unknown;
  /** Asks after 2 s, then less often while nothing new appears (×1.5, at most every 15 s). */
  readonly #poll: Poll;

  /** `onGaveUp` gets the error when the backend cannot serve this page at all (asking again would not help). */
  constructor(
    host: ReactiveControllerHost & HTMLElement,
    onConnected: (meters: CustomerMeter[]) => unknown,
    onGaveUp: (error?: unknown) => unknown,
  ) {
    this.#host = host;
    this.#onConnected = onConnected;
    this.#onGaveUp = onGaveUp;
    this.#poll = new Poll(host, {
      run: (signal) => this.#ask(signal),
      interval: () => FIRST_DELAY_MS,
      backoff: 1.5,
      maxInterval: () => MAX_DELAY_MS,
    });
  }

  get state(): WatchState {
    return this.#state;
  }

  /** The new meters, once connected. */
  get meters(): readonly CustomerMeter[] {
    return this.#meters;
  }

  /** The backend answers from a mock Leap (its session says so). */
  get sample(): boolean {
    return this.#sample;
  }

  /** Starts watching for the session's customer (once), for at most `seconds` of visible time. */
  start(sessionEndpoint: string, apiBase: string | undefined, seconds: number): void {
    if (this.#state !== 'off') return;
    this.#giveUpAfterMs = seconds * 1000;
    this.#client = new LeapApiClient(sessionEndpoint, apiBase);
    // The session the first look at the meters uses (one shared request): it says whether the backend is a mock.
    sessionClientFor(sessionEndpoint)
      .get()
      .then(
        (session) => {
          this.#sample = session.mock === true;
          this.#host.requestUpdate();
        },
        () => {},
      );
    this.#setState('linking');
    this.#poll.start(0);
  }

  /** One look at the meters: false while nothing new appeared (the next look waits longer). */
  async #ask(signal: AbortSignal): Promise<boolean> {
    const first = this.#known === null;
    try {
      const answer = await this.#client!.request<unknown>('meters', { signal });
      // The first answer is what the customer had: the next look comes after the shortest wait.
      if (this.#found(checkAnswer<CustomerMeterList>(CustomerMeterListShape, answer.body).meters) || first) return true;
    } catch (error) {
      // Not there yet, or the network hiccupped: the next try says more. A setup problem will not pass by itself.
      const failure = toFailure(error);
      if (!signal.aborted && failure.kind !== 'aborted' && !isRetryable(failure) && this.state === 'linking') {
        this.#end('failed');
        this.#onGaveUp(error);
        return false;
      }
    }
    if (!signal.aborted && this.#poll.activeMs >= this.#giveUpAfterMs) {
      this.#end('timed-out');
      this.#onGaveUp();
    }
    return false;
  }

  /** Whether new meters appeared: then the watch ends, connected. */
  #found(meters: CustomerMeter[]): boolean {
    const recent = (meter: CustomerMeter) => Date.parse(meter.created_at ?? '') >= this.#startedAt - RECENT_MS;
    this.#known ??= new Set(meters.filter((meter) => !recent(meter)).map((meter) => meter.meter_id));
    const fresh = meters.filter((meter) => !this.#known!.has(meter.meter_id));
    if (!fresh.length) return false;
    this.#meters = fresh;
    this.#end('connected');
    this.#onConnected(fresh);
    return true;
  }

  #end(state: WatchState): void {
    this.#poll.stop();
    this.#setState(state);
  }

  #setState(state: WatchState): void {
    this.#state = state;
    this.#host.requestUpdate();
  }
}
