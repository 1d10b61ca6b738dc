import { headerDictionary, IMPORT_COLUMNS, REQUIRED_IMPORT_FIELDS, type ImportKind } from '@seatwise/shared';

/** A file column → the field it fills, or '' when it is not imported. */
export type ColumnMapping = Record<string, string>;

const norm = (header: string) => header.trim().toLowerCase();

/** The platform's header for a field ("Email" for email). */
export const fieldLabel = (kind: ImportKind, field: string) => (IMPORT_COLUMNS[kind] as Record<string, string>)[field] ?? field;

export const fieldsOf = (kind: ImportKind) => Object.keys(IMPORT_COLUMNS[kind]);

/** The field the platform's own header (or our field name) gives a column, saved mappings aside: such a column is always read so. */
export const builtinField = (kind: ImportKind, header: string) => headerDictionary(kind, {}).get(norm(header));

/** What the server would read each column as: the platform's headers, then the district's saved mapping; a field goes to its first column. */
export function proposeMapping(kind: ImportKind, header: string[], saved: Record<string, string>): ColumnMapping {
  const dict = headerDictionary(kind, saved);
  const taken = new Set<string>();
  const mapping: ColumnMapping = {};
  for (const h of header) {
    const field = dict.get(norm(h)) ?? '';
    mapping[h] = field && !taken.has(field) ? field : '';
    if (field) taken.add(field);
  }
  return mapping;
}

/** Required fields no column fills, by the platform's header names. */
export function missingFields(kind: ImportKind, mapping: ColumnMapping): string[] {
  const mapped = new Set(Object.values(mapping).filter(Boolean));
  const missing: string[] = REQUIRED_IMPORT_FIELDS[kind].filter((f) => !mapped.has(f));
  if (kind === 'activity' && !mapped.has('email') && !mapped.has('stateEducatorId')) missing.unshift('email');
  return missing.map((f) => fieldLabel(kind, f));
}

/** Fields two columns claim: the server refuses such a header. */
export function doubledFields(kind: ImportKind, mapping: ColumnMapping): string[] {
  const seen = new Set<string>();
  const doubled = new Set<string>();
  for (const field of Object.values(mapping)) if (field) (seen.has(field) ? doubled : seen).add(field);
  return [...doubled].map((f) => fieldLabel(kind, f));
}

/**
 * The district mapping to save so the server reads this file as `mapping`
 * says, or null when the saved one already does. Other headers the district
 * saved stay; this file's columns the platform already names need no entry.
 */
export function mappingToSave(kind: ImportKind, mapping: ColumnMapping, saved: Record<string, string>): Record<string, string> | null {
  const next: Record<string, string> = { ...saved };
  for (const [header, field] of Object.entries(mapping)) {
    const savedKey = Object.keys(next).find((k) => norm(k) === norm(header));
    const wanted = field && builtinField(kind, header) !== field ? field : null;
    // Headers match in any case: a saved "e-mail" already reads this file's "E-mail".
    if (savedKey !== undefined && next[savedKey] === wanted) continue;
    if (savedKey !== undefined) delete next[savedKey];
    if (wanted) next[header] = wanted;
  }
  const same = Object.keys(next).length === Object.keys(saved).length && Object.entries(next).every(([h, f]) => saved[h] === f);
  return same ? null : next;
}
