/**
 * The host lists a multi-select's organizations in its own order; the user's
 * home organization (the first) must stay first while it is still selected,
 * as the host itself keeps it: known ones in their order, new ones after.
 */
export function keepHomeFirst(known: readonly string[], selected: readonly string[]): string[] {
  return [...known.filter((id) => selected.includes(id)), ...selected.filter((id) => !known.includes(id))];
}

/** Whether the organizations picked on the host's form would move the user (none picked: nothing to say yet). */
export const orgsMoved = (known: readonly string[], selected: readonly string[]) => selected.length > 0 && keepHomeFirst(known, selected).join() !== known.join();
