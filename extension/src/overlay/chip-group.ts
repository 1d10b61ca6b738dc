import type { LookupResult } from '@seatwise/shared';
import { chipsFor, type Chip } from './chips.ts';
import { iconElement, TONE_ICON } from './icons.tsx';

export interface ChipGroupState {
  email: string;
  result: LookupResult | undefined;
  inactivityDays: number;
  /** Seatwise cannot be asked (signed out, unreachable). */
  failed?: boolean;
  outside?: boolean;
}

/**
 * Draws one user's chip group into `group` with plain DOM (text as text,
 * never HTML), replacing what was there: named for the user so a screen
 * reader knows whose licenses these are. The Users list draws thousands of
 * these through its row layer; the license panel through ChipGroup.
 */
export function paintChipGroup(group: HTMLElement, { email, result, inactivityDays, failed = false, outside = false }: ChipGroupState) {
  group.className = 'chips';
  group.setAttribute('role', 'group');
  group.setAttribute('aria-label', `Licenses for ${email}`);
  const chips: HTMLElement[] = [];
  if (result) {
    for (const chip of chipsFor(result, { inactivityDays, outside })) chips.push(chipElement(chip));
  } else if (!failed) {
    // With no answer because Seatwise cannot be asked, rows stay quiet: the counts bar above the
    // table says why once, rather than a spinner on every row forever.
    const loading = document.createElement('span');
    loading.className = 'chip loading';
    loading.textContent = 'Checking licenses…';
    chips.push(loading);
  }
  group.replaceChildren(...chips);
}

/**
 * One chip: a copy (one `cloneNode`) of its tone's chip, icon included, made
 * once, with its words: a page of thousands of rows draws thousands of chips
 * of a handful of tones.
 */
function chipElement(chip: Chip): HTMLElement {
  let tone = toneChips.get(chip.tone);
  if (!tone) {
    tone = document.createElement('span');
    tone.className = `chip tone-${chip.tone}`;
    tone.dataset.tone = chip.tone;
    tone.append(iconElement(TONE_ICON[chip.tone]));
    toneChips.set(chip.tone, tone);
  }
  const el = tone.cloneNode(true) as HTMLElement;
  el.title = chip.title;
  el.append(chip.label);
  return el;
}
const toneChips = new Map<Chip['tone'], HTMLElement>();
