/**
 * The fake hosts' `clock.pause`: their "processes" share one event loop, so an operation under way in
 * another of them shows itself within a few milliseconds of real time (NodeBB's waits the full time).
 */
export const fakePause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, Math.min(ms, 5)));
