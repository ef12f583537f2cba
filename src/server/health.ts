/**
 * Whether Leap accepts the partner's key, as the backend last saw it: refused at start (or later) makes
 * `GET {base}/healthz` answer 503 until a call succeeds again. Set by the upstream calls themselves, so it costs
 * nothing on the way and never needs a call of its own except the one at start.
 */
export class UpstreamHealth {
  #problem: string | null = null;

  /** What is wrong, in one line for an operator (never the key), or null when all is well. */
  get problem(): string | null {
    return this.#problem;
  }

  /** Leap answered a call with a success. */
  answered(): void {
    this.#problem = null;
  }

  /** Leap refused the key (401, or 403 on a call that is not about one customer's resource). */
  keyRefused(status: number): void {
    this.#problem = `Leap refused the API key (HTTP ${status}): check LEAP_API_KEY, that it belongs to this environment (LEAP_ENVIRONMENT), and Leap's IP restrictions`;
  }
}
