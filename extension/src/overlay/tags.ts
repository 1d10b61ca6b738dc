/** Every element the overlay puts in a host page is named `seatwise-…`: observers tell the page's own changes from ours by it. */
export const OVERLAY_TAG_PREFIX = 'seatwise-';
