/**
 * `GET /v1.1/provisional-assets`: every row of every create-meters job (and each single meter), newest job first,
 * with `filter`, `search_query` and pages. `data` (the meter as submitted) is there once the row completed, as the
 * schema's description says. With `Accept: text/csv` the same rows come as CSV, nested fields as dotted columns. An
 * invalid filter is a 400 `ValidationError` (`{message, problem_field}`).
 */
import type { Hono } from 'hono';
import { listPage, readListQuery } from './list-query.js';
import type { MockLeapState } from './types.js';

const FILTERS = ['status', 'transmission_region', 'partner_reference', 'job_id'] as const;
const SEARCH_FIELDS = ['partner_reference', 'device_serial_number', 'job_id'] as const;

type Row = Record<string, unknown> & { data?: Record<string, unknown> };

/** Leaf values under dotted paths (`data.customer.city`, `data.load_types.0`). */
function flatten(value: unknown, prefix: string, out: Map<string, string>): void {
  if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) flatten(child, prefix ? `${prefix}.${key}` : key, out);
  } else if (value !== undefined && value !== null) {
    out.set(prefix, String(value));
  }
}

function csvCell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function toCsv(rows: Row[]): string {
  const flat = rows.map((row) => {
    const out = new Map<string, string>();
    flatten(row, '', out);
    return out;
  });
  const columns = [...new Set(flat.flatMap((row) => [...row.keys()]))];
  return [columns, ...flat.map((row) => columns.map((column) => row.get(column) ?? ''))]
    .map((cells) => cells.map(csvCell).join(','))
    .join('\n');
}

export function registerProvisionalAssets(app: Hono, state: MockLeapState): void {
  app.get('/v1.1/provisional-assets', (c) => {
    const reading = readListQuery(c, FILTERS, SEARCH_FIELDS);
    if (!reading.ok) return c.json({ message: reading.message, problem_field: reading.field }, 400);
    // Each row with the meter as submitted, which the filters read even while the row has no `data`.
    const rows = [...state.jobs].reverse().flatMap((job) =>
      job.assets.map((asset, index) => ({
        submitted: job.data[index] ?? {},
        row: {
          job_id: job.job_id,
          ...asset,
          ...(asset.status === 'COMPLETED' ? { data: job.data[index] } : {}),
        } as Row,
      })),
    );
    const valuesOf = ({ row, submitted }: (typeof rows)[number], key: string): readonly string[] => {
      const value =
        key === 'transmission_region'
          ? submitted.transmission_region
          : key === 'device_serial_number'
            ? (submitted.device as { device_serial_number?: unknown } | undefined)?.device_serial_number
            : row[key];
      return typeof value === 'string' ? [value] : [];
    };
    const found = listPage(rows, reading.query, valuesOf, valuesOf);
    const page = found.page.map(({ row }) => row);
    const { next } = found;
    if ((c.req.header('accept') ?? '').includes('text/csv')) {
      return c.body(toCsv(page), 200, { 'content-type': 'text/csv; charset=utf-8' });
    }
    return c.json({ provisional_assets: page, ...next });
  });
}
