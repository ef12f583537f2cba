/**
 * The daily inventory poll of Leap's "Sync Meter Inventory" guide: Search Meter Enrollments with
 * `last_modified_date_time`, one incremental pass at a time.
 *
 * A pass asks for everything changed since the checkpoint minus an overlap, so a change made while the previous pass
 * was running is not missed; an enrollment can therefore come twice across passes (inside the overlap), and the
 * consumer should treat each one as "the latest state of this meter". The next checkpoint is the newest `updated_at`
 * the pass saw, not the clock: a clock ahead of Leap's would skip changes. After each page the checkpoint records
 * where to resume, so an interrupted pass continues from its last completed page.
 */
import type { MeterEnrollment } from '../../core/types.generated.js';
import type { UpstreamConfig } from '../upstream.js';
import { enrollmentPage, type MeterSearchFilter } from './meters.js';
import { eachItem } from './pages.js';

/** What to store between passes (JSON-serialisable). */
export interface SyncCheckpoint {
  /** The newest `updated_at` of the last complete pass: the next pass starts here, minus the overlap. */
  since: string;
  /** Present while a pass is unfinished: the filter instant it used and the page to continue from. */
  resume?: { from: string; pageToken: string; newest: string | null };
}

export interface SyncOptions {
  /** An ISO date for the first pass (how far back to start), or the checkpoint a previous pass left. */
  since: string | SyncCheckpoint;
  /** How far before the checkpoint a pass starts. Default 300: longer than a pass takes. */
  overlapSeconds?: number;
  /** Meters per page, 1 to 500. Default 500, Leap's own default (a few MiB, under the client's 16 MiB answer cap). */
  pageSize?: number;
  /** Other filters of the search (meter types, regions, …). */
  filter?: Omit<MeterSearchFilter, 'last_modified_date_time' | 'page_size'>;
  /** Called after every completed page with the checkpoint to store (a crash then loses at most one page). */
  onCheckpoint?: (checkpoint: SyncCheckpoint) => void | Promise<void>;
}

/** Leap's own default and maximum: enrollments run to a few kilobytes each, so a page stays within a few MiB. */
export const DEFAULT_PAGE_SIZE = 500;

const later = (a: string | null, b: string | null | undefined) =>
  !b ? a : !a || Date.parse(b) > Date.parse(a) ? b : a;

function checkedInstant(value: string, name: string): string {
  if (Number.isNaN(Date.parse(value))) throw new TypeError(`${name} must be an ISO date, such as 2025-01-01T00:00:00Z`);
  return value;
}

/** One pass: iterate it for the changed enrollments; `checkpoint` is what to store when (or while) it runs. */
export class EnrollmentSync implements AsyncIterable<MeterEnrollment> {
  /** The checkpoint for the next pass: updated after each completed page, final once the iteration ends. */
  checkpoint: SyncCheckpoint;
  /** Pages fetched and enrollments yielded so far. */
  pages = 0;
  enrollments = 0;
  readonly #upstream: UpstreamConfig;
  readonly #options: SyncOptions;

  constructor(upstream: UpstreamConfig, options: SyncOptions) {
    this.#upstream = upstream;
    this.#options = options;
    const given = typeof options.since === 'string' ? { since: options.since } : options.since;
    checkedInstant(given.since, 'since');
    const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
    if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 500) throw new TypeError('pageSize must be 1 to 500');
    const overlap = options.overlapSeconds ?? 300;
    if (!Number.isFinite(overlap) || overlap < 0) throw new TypeError('overlapSeconds must be 0 or more');
    this.checkpoint = given;
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<MeterEnrollment, void, undefined> {
    const { since, resume } = this.checkpoint;
    const from =
      resume?.from ?? new Date(Date.parse(since) - (this.#options.overlapSeconds ?? 300) * 1000).toISOString();
    let newest = resume?.newest ?? null;
    let seenOnPage: string | null = null;
    const filter = {
      ...this.#options.filter,
      last_modified_date_time: from,
      page_size: this.#options.pageSize ?? DEFAULT_PAGE_SIZE,
    };
    const pages = eachItem(
      async (token) => {
        const page = await enrollmentPage(this.#upstream, { ...filter, ...(token ? { page_token: token } : {}) });
        this.pages += 1;
        seenOnPage = page.items.reduce<string | null>((max, e) => later(max, e.audit.updated_at), null);
        return page;
      },
      {
        first: resume?.pageToken,
        afterPage: async (next) => {
          newest = later(newest, seenOnPage);
          this.checkpoint = next ? { since, resume: { from, pageToken: next, newest } } : { since: newest ?? since };
          await this.#options.onCheckpoint?.(this.checkpoint);
        },
      },
    );
    for await (const enrollment of pages) {
      this.enrollments += 1;
      yield enrollment;
    }
  }
}
