// @ts-check
// The options a test may switch while the stand-in runs (start option, control API, undone by
// reset), the clock of its AWS side, which one of them shifts, and the attachment scan's rules.

/** @typedef {import('../shared/types.mjs').RuntimeOptions} RuntimeOptions */
/** @typedef {import('../shared/types.mjs').RuntimeOptionsPatch} RuntimeOptionsPatch */
/** @typedef {import('../shared/types.mjs').ScanOptions} ScanOptions */
/** @typedef {import('../shared/types.mjs').ScanStatus} ScanStatus */

/** What the attachment scan does when nothing is configured: approve everything, a moment later. */
export const SCAN_DEFAULTS = Object.freeze({ delayMs: 300, rules: Object.freeze([]), default: 'APPROVED' });

/** @type {Readonly<RuntimeOptions>} */
export const RUNTIME_DEFAULTS = Object.freeze({
  s3Cors: 'allow',
  clockOffsetMs: 0,
  contentDisposition: 'rfc6266',
  maxStagedMs: 0,
  scan: /** @type {ScanOptions} */ (/** @type {unknown} */ (SCAN_DEFAULTS)),
});

/** IN_PROGRESS as a verdict means "never decided": the attachment stays in scanning. */
const VERDICTS = Object.freeze(['APPROVED', 'REJECTED', 'IN_PROGRESS']);

/** A day: longer than any test waits, short enough for a timer. */
const MAX_SCAN_DELAY_MS = 24 * 3600 * 1000;

/**
 * Checks a `scan` value and fills what it leaves out from SCAN_DEFAULTS, so `{rules: [...]}`
 * alone is a complete setting.
 * @param {unknown} value
 * @returns {ScanOptions}
 * @throws {TypeError} naming the bad field
 */
export function normalizeScan(value) {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new TypeError('scan must be an object');
  const raw = /** @type {Record<string, unknown>} */ (value);
  for (const key of Object.keys(raw)) {
    if (!['delayMs', 'rules', 'default'].includes(key)) throw new TypeError(`scan: unknown field "${key}"; known: delayMs, rules, default`);
  }
  const delayMs = raw.delayMs ?? SCAN_DEFAULTS.delayMs;
  if (typeof delayMs !== 'number' || !Number.isInteger(delayMs) || delayMs < 0 || delayMs > MAX_SCAN_DELAY_MS) {
    throw new TypeError(`scan.delayMs must be an integer number of milliseconds between 0 and ${MAX_SCAN_DELAY_MS}`);
  }
  const verdict = raw.default ?? SCAN_DEFAULTS.default;
  if (typeof verdict !== 'string' || !VERDICTS.includes(verdict)) throw new TypeError(`scan.default must be one of ${VERDICTS.join(', ')}`);
  const rules = raw.rules ?? [];
  if (!Array.isArray(rules)) throw new TypeError('scan.rules must be an array');
  return {
    delayMs,
    default: /** @type {ScanStatus} */ (verdict),
    rules: rules.map((rule, i) => {
      if (typeof rule !== 'object' || rule === null || Array.isArray(rule)) throw new TypeError(`scan.rules[${i}] must be an object`);
      const { match, verdict: v, ...rest } = /** @type {Record<string, unknown>} */ (rule);
      const extra = Object.keys(rest)[0];
      if (extra !== undefined) throw new TypeError(`scan.rules[${i}]: unknown field "${extra}"; known: match, verdict`);
      if (typeof match !== 'string')
        throw new TypeError(`scan.rules[${i}].match must be a string (a RegExp source tested against AttachmentName)`);
      try {
        new RegExp(match);
      } catch (err) {
        throw new TypeError(`scan.rules[${i}].match is not a valid regular expression: ${/** @type {Error} */ (err).message}`, {
          cause: err,
        });
      }
      if (typeof v !== 'string' || !VERDICTS.includes(v))
        throw new TypeError(`scan.rules[${i}].verdict must be one of ${VERDICTS.join(', ')}`);
      return { match, verdict: /** @type {ScanStatus} */ (v) };
    }),
  };
}

/**
 * The verdict for an attachment name: the first rule whose pattern matches, else the default.
 * @param {ScanOptions} scan
 * @param {string} name
 * @returns {ScanStatus}
 */
export function scanVerdict(scan, name) {
  for (const rule of scan.rules) if (new RegExp(rule.match).test(name)) return rule.verdict;
  return scan.default;
}

/** A week: longer than any staged upload worth testing. */
const MAX_STAGED_MS = 7 * 24 * 3600 * 1000;

/** A year either way is far beyond any skew worth testing, and keeps every shifted Date valid. */
export const MAX_CLOCK_OFFSET_MS = 365 * 24 * 3600 * 1000;

/** @type {Record<keyof RuntimeOptions, (value: unknown) => string | null>} a message when the value is wrong */
const CHECKS = {
  s3Cors: (v) => (v === 'allow' || v === 'refuse' ? null : "s3Cors must be 'allow' or 'refuse'"),
  clockOffsetMs: (v) =>
    typeof v === 'number' && Number.isInteger(v) && Math.abs(v) <= MAX_CLOCK_OFFSET_MS
      ? null
      : `clockOffsetMs must be an integer number of milliseconds between -${MAX_CLOCK_OFFSET_MS} and ${MAX_CLOCK_OFFSET_MS}`,
  contentDisposition: (v) => (v === 'rfc6266' || v === 'raw' ? null : "contentDisposition must be 'rfc6266' or 'raw'"),
  maxStagedMs: (v) =>
    typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= MAX_STAGED_MS
      ? null
      : `maxStagedMs must be an integer number of milliseconds between 0 (never refused) and ${MAX_STAGED_MS}`,
  scan: (v) => {
    try {
      normalizeScan(v);
      return null;
    } catch (err) {
      return /** @type {Error} */ (err).message;
    }
  },
};

/** @param {RuntimeOptions} options a deep copy, so no caller can change the options in effect */
const copy = (options) => ({ ...options, scan: { ...options.scan, rules: options.scan.rules.map((r) => ({ ...r })) } });

/**
 * Checks a change of runtime options. `null` stands for "back to the start value", so a test can
 * undo its own change without a reset wiping the chats and the log.
 * @param {unknown} patch
 * @returns {RuntimeOptionsPatch}
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
  return /** @type {RuntimeOptionsPatch} */ (patch);
}

/**
 * @param {RuntimeOptionsPatch} start the values given at start (checked here too)
 */
export function createRuntimeOptions(start) {
  checkRuntimePatch(start);
  /** @type {RuntimeOptions} */
  const initial = copy(RUNTIME_DEFAULTS);
  for (const name of /** @type {(keyof RuntimeOptions)[]} */ (Object.keys(RUNTIME_DEFAULTS))) {
    if (start[name] !== undefined) Object.assign(initial, { [name]: name === 'scan' ? normalizeScan(start[name]) : start[name] });
  }
  let current = copy(initial);

  return {
    /** @returns {RuntimeOptions} a copy */
    get: () => copy(current),
    get s3Cors() {
      return current.s3Cors;
    },
    get contentDisposition() {
      return current.contentDisposition;
    },
    get clockOffsetMs() {
      return current.clockOffsetMs;
    },
    get maxStagedMs() {
      return current.maxStagedMs;
    },
    get scan() {
      return copy(current).scan;
    },

    /**
     * All of the patch or none of it: a bad field leaves every option as it was.
     * @param {unknown} patch
     * @returns {RuntimeOptions}
     */
    set(patch) {
      const checked = checkRuntimePatch(patch);
      const next = copy(current);
      for (const name of /** @type {(keyof RuntimeOptions)[]} */ (Object.keys(checked))) {
        const value = checked[name];
        if (value === undefined) continue;
        /** @type {unknown} */
        let chosen = value === null ? initial[name] : value;
        if (name === 'scan') chosen = normalizeScan(chosen);
        Object.assign(next, { [name]: chosen });
      }
      current = next;
      return copy(current);
    },

    reset() {
      current = copy(initial);
    },

    /** "Now" for everything the AWS side does: signing dates, expiries, S3's expiry check. */
    now: () => Date.now() + current.clockOffsetMs,
  };
}

/** @typedef {ReturnType<typeof createRuntimeOptions>} Runtime */
