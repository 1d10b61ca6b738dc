import { render } from 'preact';
import type { ChipTone } from './chips.ts';

/** Small stroke icons (10–12 px) drawn inline: no font or emoji the host machine may lack. */
const PATHS = {
  check: 'M2.5 6.2l2.3 2.3 4.7-5',
  clock: 'M6 3.2V6l1.9 1.3 M6 1.2a4.8 4.8 0 1 0 0 9.6 4.8 4.8 0 1 0 0-9.6',
  pause: 'M4.3 3v6 M7.7 3v6',
  dash: 'M3 6h6 M6 1.2a4.8 4.8 0 1 0 0 9.6 4.8 4.8 0 1 0 0-9.6',
  moon: 'M9.6 7.4A4.2 4.2 0 0 1 4.6 2.4a4.2 4.2 0 1 0 5 5z',
  question: 'M4.5 4.5a1.6 1.6 0 1 1 2.3 1.4c-.5.3-.8.6-.8 1.2v.3 M6 9.2v.1',
  alert: 'M6 1.5l4.8 8.5H1.2z M6 4.8v2.4 M6 8.6v.1',
  layers: 'M6 1.5l4.5 2.4L6 6.3 1.5 3.9z M1.5 6.2L6 8.6l4.5-2.4 M1.5 8.4L6 10.8l4.5-2.4',
  sync: 'M9.8 4.4A4 4 0 0 0 2.4 5 M2.2 7.6a4 4 0 0 0 7.4.6 M9.9 2.2v2.4H7.5 M2.1 9.8V7.4h2.4',
  external: 'M7 1.8h3.2V5 M10.2 1.8L5.6 6.4 M8.6 7v2.8H2.2V3.4H5',
  info: 'M6 5.4v3 M6 3.4v.1 M6 1.2a4.8 4.8 0 1 0 0 9.6 4.8 4.8 0 1 0 0-9.6',
} as const;
export type IconName = keyof typeof PATHS;

export function Icon({ name, size = 10 }: { name: IconName; size?: number }) {
  return (
    <svg class="icon" width={size} height={size} viewBox="0 0 12 12" aria-hidden="true" focusable="false">
      <path d={PATHS[name]} fill="none" stroke="currentColor" stroke-width="1.6" stroke-linecap="round" stroke-linejoin="round" />
    </svg>
  );
}

export const TONE_ICON: Record<ChipTone, IconName> = {
  elearn: 'check',
  weclimb: 'check',
  combined: 'layers',
  grace: 'clock',
  waiting: 'clock',
  suspended: 'pause',
  none: 'dash',
  inactive: 'moon',
  unknown: 'question',
  outside: 'dash',
  drift: 'alert',
};

const drawn = new Map<IconName, SVGSVGElement>();

/** The same icon as plain DOM, for UI drawn without Preact (row layers): drawn by Icon once per name, then cloned. */
export function iconElement(name: IconName): SVGSVGElement {
  let svg = drawn.get(name);
  if (!svg) {
    const box = document.createElement('div');
    render(<Icon name={name} />, box);
    svg = box.firstChild as SVGSVGElement;
    drawn.set(name, svg);
  }
  return svg.cloneNode(true) as SVGSVGElement;
}
