/**
 * Runs a task now and then every `everyMs`, never two at once, until
 * stopped; `stop()` signals a run in progress to wrap up and waits for it,
 * so shutdown is clean.
 */
export class Periodic {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = true;
  private abort = new AbortController();

  constructor(
    private readonly name: string,
    private readonly everyMs: number,
    private readonly task: (signal: AbortSignal) => Promise<unknown>,
  ) {}

  start(): this {
    this.stopped = false;
    this.abort = new AbortController();
    this.timer = setInterval(() => this.poke(), this.everyMs);
    this.timer.unref();
    this.poke();
    return this;
  }

  poke(): void {
    if (this.running || this.stopped) return;
    this.running = this.task(this.abort.signal)
      .then(() => undefined)
      .catch((error) => console.error(`[seatwise] ${this.name}:`, error))
      .finally(() => {
        this.running = undefined;
      });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.abort.abort();
    clearInterval(this.timer);
    await this.running;
  }
}
