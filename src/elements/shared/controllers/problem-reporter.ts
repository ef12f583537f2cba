/**
 * Reports what stops an element from working (its configuration, a failed session) once per distinct problem: one
 * console warning for the developer and one `leap-error` for the page, after the render that shows it.
 */
import type { ReactiveController, ReactiveControllerHost } from '@lit/reactive-element';
import type { SetupCode } from '../../../core/failure.js';
import { emit, type LeapErrorDetail } from '../events.js';

type Host = ReactiveControllerHost & HTMLElement;

/** The `leap-error` detail of a setup problem: no HTTP answer, so no status. */
export function configProblem(message: string, code: SetupCode = 'INVALID_CONFIG'): LeapErrorDetail {
  return { code, kind: 'setup', message };
}

export class ProblemReporter implements ReactiveController {
  #reported = '';
  readonly #host: Host;
  readonly #current: () => LeapErrorDetail | null;

  constructor(host: Host, current: () => LeapErrorDetail | null) {
    this.#host = host;
    this.#current = current;
    host.addController(this);
  }

  hostUpdated(): void {
    const problem = this.#current();
    const key = problem ? `${problem.code}:${problem.message}` : '';
    if (key === this.#reported) return;
    this.#reported = key;
    if (!problem) return;
    console.warn(`<${this.#host.localName}>: ${problem.message}`);
    emit(this.#host, 'leap-error', problem);
  }
}
