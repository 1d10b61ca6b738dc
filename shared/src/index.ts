export * from './catalog.ts';
export * from './errors.ts';
export * from './schemas.ts';
export * from './report-schemas.ts';
export * from './import-schemas.ts';
export * from './sse.ts';
export * from './admin-schemas.ts';
