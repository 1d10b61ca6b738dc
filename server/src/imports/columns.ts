import { headerDictionary, IMPORT_COLUMNS, REQUIRED_IMPORT_FIELDS, type ImportKind } from '@seatwise/shared';
import { ApiError } from '../errors.ts';

const norm = (header: string) => header.trim().toLowerCase();

/** Fields a mapping may name, for validating a saved mapping. */
export const importFields = (kind: ImportKind) => Object.keys(IMPORT_COLUMNS[kind]);

export interface Columns {
  /** Field → column position. */
  index: Map<string, number>;
  /** Field → the header the file used for it, so row errors name the file's own column. */
  label: Map<string, string>;
}

/**
 * Reads a CSV header: every required field must have a column, or the file is
 * refused whole with the columns it lacks and those it has.
 */
export function readHeader(kind: ImportKind, header: string[], mapping: Record<string, string>): Columns {
  const dict = headerDictionary(kind, mapping);
  const index = new Map<string, number>();
  const label = new Map<string, string>();
  header.forEach((h, i) => {
    const field = dict.get(norm(h));
    if (!field) return;
    if (index.has(field)) throw new ApiError('invalid_request', `the header names ${IMPORT_COLUMNS[kind][field as never]} twice (columns ${index.get(field)! + 1} and ${i + 1})`, { issues: [{ path: ['header'], message: `duplicate column ${h}` }] });
    index.set(field, i);
    label.set(field, h.trim());
  });
  const missing = REQUIRED_IMPORT_FIELDS[kind].filter((f) => !index.has(f));
  if (kind === 'activity' && !index.has('email') && !index.has('stateEducatorId')) missing.unshift('email');
  if (missing.length) {
    const names = missing.map((f) => (IMPORT_COLUMNS[kind] as Record<string, string>)[f]!);
    throw new ApiError(
      'invalid_request',
      `the file's header lacks ${names.join(', ')} (found: ${header.map((h) => h.trim()).join(', ') || 'nothing'}); name other columns with a column mapping (PUT /imports/mappings/${kind})`,
      { issues: names.map((n) => ({ path: ['header'], message: `missing column ${n}` })) },
    );
  }
  return { index, label };
}

/** The column name a row error should show for a field. */
export const fieldLabel = (kind: ImportKind, columns: Columns | null, field: string) =>
  columns?.label.get(field) ?? (IMPORT_COLUMNS[kind] as Record<string, string>)[field] ?? field;
