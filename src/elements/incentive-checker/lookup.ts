/**
 * The checker's conversation with the backend, as a controller around `@lit/task`: a session, then the cheapest
 * operation Leap offers for what changed (`lookup` for a new address, `refresh` for the same one, `override` for new
 * devices), with fallbacks when Leap no longer knows the customer.
 */
import type { ReactiveControllerHost } from 'lit';
import { Task, TaskStatus } from '@lit/task';
import type { BuildingType } from '../../core/address.js';
import { LeapApiError } from '../../core/errors.js';
import { asFailureError, LeapFailureError, toFailure, type LeapFailure } from '../../core/failure.js';
import { checkAnswer } from '../../core/schemas/shape.js';
import { IncentivesResponseShape } from '../../core/schemas/shapes.generated.js';
import type { CheckIncentivesBody, IncentivesAddress, IncentivesResult } from '../../core/types.generated.js';
import { LeapApiClient } from '../shared/api-client.js';
import { sessionClientFor } from '../shared/session.js';

/** What one check asks for. */
export interface CheckRequest {
  address: IncentivesAddress;
  buildingType: BuildingType;
  devices: Pick<CheckIncentivesBody, 'device_ids' | 'device_names'>;
  createApplication: boolean;
  utilityEiaid: string | null;
}

/** What the previous successful check sent, to choose the next operation. */
interface Sent {
  referenceId: string;
  /** `lookupKey` of the request. */
  place: string;
  devices: string;
}

/** Compares addresses the way Leap geocodes them: trimmed, case-insensitive. */
export function addressKey(address: IncentivesAddress): string {
  return JSON.stringify(
    [
      address.street_1,
      address.street_2 ?? '',
      address.city,
      address.state_or_province_code,
      address.postal_code,
      address.country_code,
    ].map((v) => v.trim().toLowerCase()),
  );
}

/** What Leap's answer depends on besides the devices: the address, the building type and the utility. */
export function lookupKey(request: Pick<CheckRequest, 'address' | 'buildingType' | 'utilityEiaid'>): string {
  return `${addressKey(request.address)}|${request.buildingType}|${request.utilityEiaid ?? ''}`;
}

export interface LookupOptions {
  endpoints: () => { session: string; apiBase?: string | null };
  onComplete: (result: IncentivesResult) => void;
  /** Every failure of the latest check but an abort, including one thrown while handling a completion. */
  onError: (failure: LeapFailure) => void;
  /** Awaited before an answer is handed on to render (the element's formatters, in tasks of their own). */
  beforeRender: () => Promise<void>;
}

/**
 * `@lit/task` owns the runs: a new run aborts the one in flight through the signal it passes, and only the latest
 * run's outcome reaches `onComplete` / `onError`, its status, value and error. The task fails only with a
 * `LeapFailureError`. What Task would swallow (an exception in a completion handler) is reported instead.
 */
export class IncentiveLookup {
  #sent: Sent | null = null;
  #lastRequest: CheckRequest | null = null;
  #sample = false;
  readonly task: Task<[CheckRequest], IncentivesResult>;

  readonly #options: LookupOptions;

  /** The backend answers from a mock Leap (its session says so). */
  get sample(): boolean {
    return this.#sample;
  }

  constructor(host: ReactiveControllerHost, options: LookupOptions) {
    this.#options = options;
    this.task = new Task(host, {
      autoRun: false,
      task: ([request], { signal }) =>
        this.#send(request, signal).catch((error: unknown) => {
          throw asFailureError(error);
        }),
      onComplete: (result) => {
        try {
          options.onComplete(result);
        } catch (error) {
          this.#report({ kind: 'internal', error });
        }
      },
      onError: (error) => this.#report(toFailure(error)),
    });
  }

  /** The latest check asked for, answered or not. */
  get lastRequest(): CheckRequest | null {
    return this.#lastRequest;
  }

  get status(): TaskStatus {
    return this.task.status;
  }

  /** The latest answer, or null. */
  get result(): IncentivesResult | null {
    return this.task.status === TaskStatus.COMPLETE ? (this.task.value ?? null) : null;
  }

  /**
   * Checks; settles with the outcome of the latest check (a newer check replaces this one, and its answer is the one
   * shown), rejecting with a `LeapFailureError`. The same request while it is in flight (a double click) joins it
   * instead of replacing it: an aborted request has still reached the backend, where it counts against the rate limit
   * and may have opened an application.
   */
  run(request: CheckRequest): Promise<IncentivesResult> {
    const joining =
      this.task.status === TaskStatus.PENDING && JSON.stringify(this.#lastRequest) === JSON.stringify(request);
    if (!joining) {
      this.#lastRequest = request;
      void this.task.run([request]);
    }
    return this.task.taskComplete;
  }

  /** Stops the check in flight (its answer is dropped). */
  abort(): void {
    this.task.abort();
  }

  /** Hands a failure on, unless the check was stopped; a handler that throws is still heard, on the console. */
  #report(failure: LeapFailure): void {
    if (failure.kind === 'aborted') return;
    try {
      this.#options.onError(failure);
    } catch (error) {
      console.error('<leap-incentive-checker>: reporting a failure failed', error, failure);
    }
  }

  async #send(request: CheckRequest, signal: AbortSignal): Promise<IncentivesResult> {
    // Leap serves US addresses: anything else would come back as "address not found", so it is not sent at all.
    if (request.address.country_code !== 'US') {
      throw new LeapFailureError({ kind: 'address-not-supported', country: request.address.country_code });
    }
    const { session: endpoint, apiBase } = this.#options.endpoints();
    const client = new LeapApiClient(endpoint, apiBase);
    const session = await sessionClientFor(endpoint).get(signal);
    this.#sample = session.mock === true;
    const now: Omit<Sent, 'referenceId'> = { place: lookupKey(request), devices: JSON.stringify(request.devices) };
    const last = this.#sent;
    // Leap keeps the customer's last lookup: the same place can be refreshed, or re-evaluated for other devices.
    const leapHasLookup = last?.referenceId === session.reference_id && last.place === now.place;
    const extras = {
      ...request.devices,
      ...(request.createApplication ? { create_application: true } : {}),
    };
    const lookup: CheckIncentivesBody = {
      operation_type: 'lookup',
      address: request.address,
      building_type: request.buildingType,
      ...extras,
      ...(request.utilityEiaid ? { utility_eiaid: request.utilityEiaid } : {}),
    };
    const body: CheckIncentivesBody = !leapHasLookup
      ? lookup
      : last.devices === now.devices
        ? { operation_type: 'refresh' }
        : { operation_type: 'override', building_type: request.buildingType, ...extras };

    const post = (payload: CheckIncentivesBody) =>
      client.request<unknown>('incentives', { method: 'POST', body: payload, signal });
    let answer;
    try {
      answer = await post(body);
    } catch (error) {
      // A refresh Leap no longer recognises (cache expired upstream) falls back to a full lookup.
      const forgotten = error instanceof LeapApiError && (error.status === 404 || error.status === 400);
      if (body.operation_type === 'lookup' || !forgotten) throw error;
      answer = await post(lookup);
    }
    // The session was renewed for another customer mid-flight: their cache cannot be refreshed.
    if (answer.session.reference_id !== session.reference_id && body.operation_type !== 'lookup') {
      answer = await post(lookup);
    }
    const result = checkAnswer<IncentivesResult>(IncentivesResponseShape, answer.body);
    this.#sent = { referenceId: answer.session.reference_id, ...now };
    await this.#options.beforeRender();
    return result;
  }
}
