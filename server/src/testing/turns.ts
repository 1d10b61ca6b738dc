/**
 * Counts event-loop turns from now until `stop()`: how tests see that long
 * work (a job, an export) hands the loop back, without timing anything.
 */
export function countTurns() {
  let turns = 0;
  let ticking = true;
  const tick = () => {
    turns++;
    if (ticking) setImmediate(tick);
  };
  tick();
  return {
    get turns() {
      return turns;
    },
    stop() {
      ticking = false;
    },
  };
}
