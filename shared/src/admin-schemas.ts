import { z } from 'zod';
import { licenseChangeSchema, productSchema, skuSchema } from './schemas.ts';

/* ---- Administration: organizations and rules ---- */

const count = z.number().int().min(0);

/**
 * What a change of the tree or of the rules would do to licenses, counted in
 * users: who gains a license, who loses one, who starts waiting for a seat
 * (per product and in all), and each pool's seats taken and released. A user
 * whose license only moves to another pool neither gains nor loses.
 */
export const licenseEffectSchema = z.object({
  /** Users whose licenses the change re-evaluates. */
  users: count,
  gain: count,
  lose: count,
  wait: count,
  /** Users already waiting elsewhere who get a seat the change frees (counted in `gain`). */
  served: count,
  products: z.array(z.object({ product: productSchema, gain: count, lose: count, wait: count })),
  pools: z.array(
    z.object({
      poolId: z.string(),
      name: z.string(),
      sku: skuSchema,
      seats: count,
      assignedBefore: count,
      assignedAfter: count,
      taken: count,
      released: count,
    }),
  ),
});
export type LicenseEffect = z.infer<typeof licenseEffectSchema>;

/** One user's licenses if the platform moved them to these organizations (a host change: it waits, never refuses). */
export const transferPreviewResultSchema = z.object({
  orgIds: z.array(z.string()),
  homeOrgId: z.string(),
  changes: z.array(licenseChangeSchema),
});
export type TransferPreviewResult = z.infer<typeof transferPreviewResultSchema>;
