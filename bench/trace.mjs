// @ts-check
// The longest main-thread task of a batch, from a Chromium trace: the page marks the batch with
// console.timeStamp('bench:batch-begin' / 'bench:batch-end'); every `RunTask` of that renderer's
// main thread that overlaps the marks counts, whatever it ran (script, style, layout, paint).

/**
 * `dur` is wall-clock time, `tdur` the thread's CPU time, both in microseconds.
 * @typedef {{ name: string, ph: string, pid: number, tid: number, ts: number, dur?: number, tdur?: number, args?: any }} TraceEvent
 */

/**
 * @param {{ traceEvents?: TraceEvent[] } | TraceEvent[]} trace as Page.tracing.stop() returns it, parsed
 * @returns {{ wallMs: number, cpuMs: number }} the longest task (wall clock) and the most CPU one task used
 */
export function longestTask(trace) {
  const events = Array.isArray(trace) ? trace : (trace.traceEvents ?? []);
  const mark = (/** @type {string} */ message) => events.find((e) => e.name === 'TimeStamp' && e.args?.data?.message === message);
  const begin = mark('bench:batch-begin');
  const end = mark('bench:batch-end');
  if (!begin || !end) throw new Error('the trace has no bench:batch-begin/end marks');
  let wall = 0;
  let cpu = 0;
  for (const e of events) {
    if (e.name !== 'RunTask' || e.ph !== 'X' || e.pid !== begin.pid || e.tid !== begin.tid) continue;
    const dur = e.dur ?? 0;
    if (e.ts + dur < begin.ts || e.ts > end.ts) continue;
    wall = Math.max(wall, dur);
    cpu = Math.max(cpu, e.tdur ?? 0);
  }
  return { wallMs: wall / 1000, cpuMs: cpu / 1000 };
}
