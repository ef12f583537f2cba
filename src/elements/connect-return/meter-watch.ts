/**
 * After the customer connects, Leap creates their meters a little later: this watches the customer's meters
 * (`GET {base}/meters`) until new ones appear. It asks after 2 s, then less often (×1.5, at most every 15 s), only while
 * the page is visible, and gives up after a while of watching (three minutes by default). A meter is new when it was not there at the
 * first answer, or was created in the quarter of an hour before the page opened (the flow may finish before it).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { isRetryable, toFailure } from '../../core/failure.js';
import { checkAnswer } from '../../core/schemas/shape.js';
import { CustomerMeterListShape } from '../../core/schemas/shapes.generated.js';
import type { CustomerMeter, CustomerMeterList } from '../../core/types.generated.js';
import { LeapApiClient } from '../shared/api-client.js';
import { sessionClientFor } from '../shared/session.js';

const FIRST_DELAY_MS = 2_000;
const MAX_DELAY_MS = 15_000;
const RECENT_MS = 15 * 60_000;

export type WatchState = 'off' | 'linking' | 'connected' | 'timed-out' | 'failed';

export class MeterWatch implements ReactiveController {
  state: WatchState = 'off';
  meters: CustomerMeter[] = [];
  /** The backend answers from a mock Leap (its session says so). */
  sample = false;
  #client: LeapApiClient | null = null;
  #known: Set<string> | null = null;
  readonly #startedAt = Date.now();
  #watchedMs = 0;
  #delay = FIRST_DELAY_MS;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #visibleSince = 0;
  #controller: AbortController | null = null;
  readonly #host: ReactiveControllerHost;
  readonly #onConnected: (meters: CustomerMeter[]) => unknown;
  readonly #onGaveUp: (error?: unknown) => unknown;

  /** `onGaveUp` gets the error when the backend cannot serve this page at all (asking again would not help). */
  constructor(
    host: ReactiveControllerHost,
    onConnected: (meters: CustomerMeter[]) => unknown,
    onGaveUp: (error?: unknown) => unknown,
  ) {
    this.#host = host;
    this.#onConnected = onConnected;
    this.#onGaveUp = onGaveUp;
    host.addController(this);
  }

  #giveUpAfterMs = 180_000;

  /** Starts watching for the session's customer (once), for at most `seconds` of visible time. */
  start(sessionEndpoint: string, apiBase: string | undefined, seconds: number): void {
    if (this.state !== 'off') return;
    this.#giveUpAfterMs = seconds * 1000;
    this.#client = new LeapApiClient(sessionEndpoint, apiBase);
    // The session the first look at the meters uses (one shared request): it says whether the backend is a mock.
    sessionClientFor(sessionEndpoint)
      .get()
      .then(
        (session) => {
          this.sample = session.mock === true;
          this.#host.requestUpdate();
        },
        () => {},
      );
    this.#setState('linking');
    document.addEventListener('visibilitychange', this.#onVisibility);
    this.#resume();
  }

  hostDisconnected(): void {
    this.#pause();
    document.removeEventListener('visibilitychange', this.#onVisibility);
  }

  readonly #onVisibility = () => (document.visibilityState === 'hidden' ? this.#pause() : this.#resume());

  #resume(): void {
    if (this.state !== 'linking' || this.#timer !== undefined || document.visibilityState === 'hidden') return;
    this.#visibleSince = Date.now();
    this.#timer = setTimeout(() => void this.#ask(), this.#known ? this.#delay : 0);
  }

  #pause(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#controller?.abort();
    if (this.#visibleSince) this.#watchedMs += Date.now() - this.#visibleSince;
    this.#visibleSince = 0;
  }

  async #ask(): Promise<void> {
    this.#timer = undefined;
    this.#controller = new AbortController();
    try {
      const answer = await this.#client!.request<unknown>('meters', { signal: this.#controller.signal });
      this.#found(checkAnswer<CustomerMeterList>(CustomerMeterListShape, answer.body).meters);
    } catch (error) {
      // Not there yet, or the network hiccupped: the next try says more. A setup problem will not pass by itself.
      const failure = toFailure(error);
      if (failure.kind !== 'aborted' && !isRetryable(failure) && this.state === 'linking') {
        this.#pause();
        this.#setState('failed');
        this.#onGaveUp(error);
        return;
      }
    }
    // Found, or paused meanwhile (the page was hidden): resume() picks it up again.
    if (this.state !== 'linking' || !this.#visibleSince) return;
    const watched = this.#watchedMs + (Date.now() - this.#visibleSince);
    if (watched >= this.#giveUpAfterMs) {
      this.#pause();
      this.#setState('timed-out');
      this.#onGaveUp();
      return;
    }
    this.#delay = this.#known ? Math.min(this.#delay * 1.5, MAX_DELAY_MS) : FIRST_DELAY_MS;
    this.#timer = setTimeout(() => void this.#ask(), this.#delay);
  }

  #found(meters: CustomerMeter[]): void {
    const recent = (meter: CustomerMeter) => Date.parse(meter.created_at ?? '') >= this.#startedAt - RECENT_MS;
    this.#known ??= new Set(meters.filter((meter) => !recent(meter)).map((meter) => meter.meter_id));
    const fresh = meters.filter((meter) => !this.#known!.has(meter.meter_id));
    if (!fresh.length) return;
    this.meters = fresh;
    this.#pause();
    this.#setState('connected');
    this.#onConnected(fresh);
  }

  #setState(state: WatchState): void {
    this.state = state;
    this.#host.requestUpdate();
  }
}
