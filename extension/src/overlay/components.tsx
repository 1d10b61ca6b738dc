import type { ReadonlySignal, Signal } from '@preact/signals';
import type { LookupResult } from '@seatwise/shared';
import { Component, createRef } from 'preact';
import { paintChipGroup } from './chip-group.ts';
import { Icon } from './icons.tsx';
import { isLive, type OverlayStatus } from './status.ts';
import { plural } from '../ui/format.ts';

/**
 * The chip group of one user, kept in step with its answer (drawn by
 * paintChipGroup, as the Users list's rows are). A class: the overlay is
 * built without Preact's hooks (scripts/overlay-no-hooks-plugin.ts).
 */
export class ChipGroup extends Component<{ email: string; result: Signal<LookupResult | undefined>; inactivityDays: number }> {
  private group = createRef<HTMLDivElement>();
  override componentDidMount() {
    this.paint();
  }
  override componentDidUpdate() {
    this.paint();
  }
  private paint() {
    const { email, result, inactivityDays } = this.props;
    paintChipGroup(this.group.current!, { email, result: result.peek(), inactivityDays });
  }
  override render() {
    // Read here, so the component renders (and paints) again when the answer changes.
    void this.props.result.value;
    return <div ref={this.group} />;
  }
}

/** The server's words for a failure, never as HTML. */
export function FailureText({ message }: { message: string }) {
  return <span class="inline-error">{message}</span>;
}

/** Seatwise's dot: blue only while the live stream is really connected; grey (and said so) otherwise. */
export function LiveDot({ status }: { status: OverlayStatus }) {
  const live = isLive(status.connection.value);
  const words = live ? 'Live: changes appear as they happen' : 'Not live: reconnecting to Seatwise; figures may be behind';
  return <span class="brand-dot" data-live={live ? 'true' : 'false'} role="img" aria-label={words} title={words} />;
}

/** "N platform changes waiting to reach Seatwise", while any wait in the outbox. */
export function OutboxLine({ waiting }: { waiting: ReadonlySignal<number> }) {
  if (!waiting.value) return null;
  return (
    <span class="outbox-line" role="status" data-outbox={waiting.value} title="Saved on the platform; sent to Seatwise as soon as it can be reached, in order, exactly once.">
      <Icon name="clock" />
      {`${plural(waiting.value, 'platform change')} waiting to reach Seatwise`}
    </span>
  );
}
