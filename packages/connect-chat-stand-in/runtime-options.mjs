// @ts-check
// The options a test may switch while the stand-in runs (start option, control API, undone by
// reset), and the clock of its AWS side, which one of them shifts.

/** @typedef {import('./types.mjs').RuntimeOptions} RuntimeOptions */

/** @type {Readonly<RuntimeOptions>} */
export const RUNTIME_DEFAULTS = Object.freeze({ s3Cors: 'allow', clockOffsetMs: 0, contentDisposition: 'rfc6266' });

/** A year either way is far beyond any skew worth testing, and keeps every shifted Date valid. */
export const MAX_CLOCK_OFFSET_MS = 365 * 24 * 3600 * 1000;

/** @type {Record<keyof RuntimeOptions, (value: unknown) => string | null>} a message when the value is wrong */
const CHECKS = {
  s3Cors: (v) => (v === 'allow' || v === 'refuse' ? null : "s3Cors must be 'allow' or 'refuse'"),
  clockOffsetMs: (v) => (typeof v === 'number' && Number.isInteger(v) && Math.abs(v) <= MAX_CLOCK_OFFSET_MS
    ? null
    : `clockOffsetMs must be an integer number of milliseconds between -${MAX_CLOCK_OFFSET_MS} and ${MAX_CLOCK_OFFSET_MS}`),
  contentDisposition: (v) => (v === 'rfc6266' || v === 'raw' ? null : "contentDisposition must be 'rfc6266' or 'raw'"),
};

/**
 * Checks a change of runtime options. `null` stands for "back to the start value", so a test can
 * undo its own change without a reset wiping the chats and the log.
 * @param {unknown} patch
 * @returns {{ [K in keyof RuntimeOptions]?: RuntimeOptions[K] | null }}
 * @throws {TypeError} naming the first bad field
 */
export function checkRuntimePatch(patch) {
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) throw new TypeError('options must be a JSON object');
  for (const [name, value] of Object.entries(patch)) {
    if (!Object.hasOwn(CHECKS, name)) {
      throw new TypeError(`unknown option "${name}"; known: ${Object.keys(CHECKS).join(', ')}`);
    }
    if (value === null || value === undefined) continue;
    const problem = CHECKS[/** @type {keyof RuntimeOptions} */ (name)](value);
    if (problem) throw new TypeError(problem);
  }
  return /** @type {{ [K in keyof RuntimeOptions]?: RuntimeOptions[K] | null }} */ (patch);
}

/**
 * @param {Partial<RuntimeOptions>} start the values given at start (checked here too)
 */
export function createRuntimeOptions(start) {
  checkRuntimePatch(start);
  /** @type {RuntimeOptions} */
  const initial = { ...RUNTIME_DEFAULTS };
  for (const name of /** @type {(keyof RuntimeOptions)[]} */ (Object.keys(RUNTIME_DEFAULTS))) {
    if (start[name] !== undefined) Object.assign(initial, { [name]: start[name] });
  }
  let current = { ...initial };

  return {
    /** @returns {RuntimeOptions} a copy */
    get: () => ({ ...current }),
    get s3Cors() { return current.s3Cors; },
    get contentDisposition() { return current.contentDisposition; },
    get clockOffsetMs() { return current.clockOffsetMs; },

    /**
     * All of the patch or none of it: a bad field leaves every option as it was.
     * @param {unknown} patch
     * @returns {RuntimeOptions}
     */
    set(patch) {
      const checked = checkRuntimePatch(patch);
      const next = { ...current };
      for (const name of /** @type {(keyof RuntimeOptions)[]} */ (Object.keys(checked))) {
        const value = checked[name];
        if (value === undefined) continue;
        Object.assign(next, { [name]: value === null ? initial[name] : value });
      }
      current = next;
      return { ...current };
    },

    reset() {
      current = { ...initial };
    },

    /** "Now" for everything the AWS side does: signing dates, expiries, S3's expiry check. */
    now: () => Date.now() + current.clockOffsetMs,
  };
}

/** @typedef {ReturnType<typeof createRuntimeOptions>} Runtime */
