import { ApiError } from '../errors.ts';
import type { Caller } from './context.ts';

/**
 * The one place an organization named in a request becomes our id: by our id
 * or by the platform's (`externalId`), so ids copied from the platform's pages
 * work everywhere. Unknown names are 404s naming the field, like out-of-scope ones.
 */
export function resolveOrgRefs(caller: Caller, refs: string[], field = 'orgIds'): string[] {
  return refs.map((ref) => {
    const id = caller.tree.resolve(ref);
    if (!id) throw new ApiError('not_found', `organization ${ref} not found`, { field });
    return id;
  });
}

export const resolveOrgRef = (caller: Caller, ref: string, field: string) => resolveOrgRefs(caller, [ref], field)[0]!;
