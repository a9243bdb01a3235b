// Streamed CSV downloads of the admin lists (issue 14): rows come from the service a batch at a
// time and go out through csv-stringify as they arrive, so a 500,000-row export never sits in
// memory and the first bytes leave at once. The stream respects back-pressure (pipeline).
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Response } from 'express';
import { stringify } from 'csv-stringify';
import { fmt } from './view-helpers.js';

type Cell = string | number | boolean | Date | null | undefined;

export interface CsvColumn<T> {
  header: string;
  value: (row: T) => Cell;
}

/**
 * A cell a spreadsheet would run as a formula (=, +, -, @, tab, CR at the start) gets a leading
 * apostrophe (OWASP "CSV injection"): a client can type "=HYPERLINK(...)" into their company name.
 */
export function safeCell(value: Cell): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return fmt.dateTime(value, '');
  const text = String(value);
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

export async function sendCsv<T>(
  res: Response,
  filename: string,
  columns: readonly CsvColumn<T>[],
  batches: AsyncIterable<T[]>,
): Promise<void> {
  res.status(200);
  res.type('text/csv; charset=utf-8');
  res.attachment(filename);
  res.set('Cache-Control', 'no-store');
  async function* records() {
    for await (const batch of batches) for (const row of batch) yield columns.map((c) => safeCell(c.value(row)));
  }
  await pipeline(Readable.from(records()), stringify({ header: true, columns: columns.map((c) => c.header) }), res);
}
