// @ts-check
// The fault plan: validates faults and hands them out to matching requests.

/** @typedef {import('../shared/types.mjs').Fault} Fault */
/** @typedef {import('../shared/types.mjs').ActiveFault} ActiveFault */
/** @typedef {import('../shared/types.mjs').FaultRoute} FaultRoute */

/** @type {readonly FaultRoute[]} */
export const FAULT_ROUTES = Object.freeze([
  'connection',
  'start-attachment-upload',
  'complete-attachment-upload',
  'attachment',
  'message',
  'event',
  'transcript',
  'disconnect',
  's3-put',
]);

const ERROR_FORMATS = Object.freeze(['header', 'body-code', 'body-type', 'status-only']);

/**
 * Checks one fault and returns a clean copy; throws a TypeError naming the bad field, so
 * a typo in a test or in the demo fails loudly instead of silently never firing.
 * @param {unknown} input
 * @param {number} index
 * @returns {ActiveFault}
 */
function normalizeFault(input, index) {
  const where = `faults[${index}]`;
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new TypeError(`${where} must be an object`);
  }
  const raw = /** @type {Record<string, unknown>} */ (input);
  const known = new Set([
    'route',
    'times',
    'probability',
    'status',
    'errorType',
    'message',
    'errorFormat',
    'badBody',
    'delayMs',
    'reset',
    'expiredUrl',
    'badSignature',
    'slowBytesPerSecond',
    'downloadUrl',
  ]);
  for (const key of Object.keys(raw)) {
    if (!known.has(key)) throw new TypeError(`${where}: unknown field "${key}"`);
  }
  const route = raw.route;
  if (typeof route !== 'string' || !FAULT_ROUTES.includes(/** @type {FaultRoute} */ (route))) {
    throw new TypeError(`${where}.route must be one of ${FAULT_ROUTES.join(', ')}`);
  }
  /** @type {ActiveFault} */
  const fault = { route: /** @type {FaultRoute} */ (route), remaining: 1 };

  /**
   * @param {string} name
   * @param {(v: number) => boolean} ok
   * @param {string} what
   */
  const num = (name, ok, what) => {
    const v = raw[name];
    if (v === undefined) return undefined;
    if (typeof v !== 'number' || !Number.isFinite(v) || !ok(v)) {
      throw new TypeError(`${where}.${name} must be ${what}`);
    }
    return v;
  };
  /** @param {string} name */
  const bool = (name) => {
    const v = raw[name];
    if (v === undefined) return undefined;
    if (typeof v !== 'boolean') throw new TypeError(`${where}.${name} must be a boolean`);
    return v;
  };
  /** @param {string} name */
  const str = (name) => {
    const v = raw[name];
    if (v === undefined) return undefined;
    if (typeof v !== 'string' || v === '') throw new TypeError(`${where}.${name} must be a non-empty string`);
    return v;
  };

  const times = num('times', (v) => Number.isInteger(v) && (v >= 1 || v === -1), 'a positive integer or -1');
  if (times !== undefined) fault.times = times;
  fault.remaining = times ?? 1;
  const probability = num('probability', (v) => v >= 0 && v <= 1, 'a number between 0 and 1');
  if (probability !== undefined) fault.probability = probability;
  const status = num('status', (v) => Number.isInteger(v) && v >= 100 && v <= 599, 'an HTTP status code');
  if (status !== undefined) fault.status = status;
  const errorType = str('errorType');
  if (errorType !== undefined) fault.errorType = errorType;
  const message = str('message');
  if (message !== undefined) fault.message = message;
  const errorFormat = raw.errorFormat;
  if (errorFormat !== undefined) {
    if (typeof errorFormat !== 'string' || !ERROR_FORMATS.includes(errorFormat)) {
      throw new TypeError(`${where}.errorFormat must be one of ${ERROR_FORMATS.join(', ')}`);
    }
    fault.errorFormat = /** @type {import('../shared/types.mjs').ErrorFormat} */ (errorFormat);
  }
  const delayMs = num('delayMs', (v) => v >= 0, 'a non-negative number');
  if (delayMs !== undefined) fault.delayMs = delayMs;
  const slow = num('slowBytesPerSecond', (v) => v > 0, 'a positive number');
  if (slow !== undefined) fault.slowBytesPerSecond = slow;
  for (const name of /** @type {const} */ (['badBody', 'reset', 'expiredUrl', 'badSignature'])) {
    const v = bool(name);
    if (v !== undefined) fault[name] = v;
  }

  if ((fault.expiredUrl || fault.badSignature) && fault.route !== 'start-attachment-upload') {
    throw new TypeError(`${where}: expiredUrl and badSignature only apply to route start-attachment-upload`);
  }
  const downloadUrl = str('downloadUrl');
  if (downloadUrl !== undefined) {
    if (fault.route !== 'attachment') throw new TypeError(`${where}: downloadUrl only applies to route attachment`);
    fault.downloadUrl = downloadUrl;
  }
  if (fault.slowBytesPerSecond !== undefined && fault.route !== 's3-put') {
    throw new TypeError(`${where}: slowBytesPerSecond only applies to route s3-put`);
  }
  if (fault.badBody && fault.route === 's3-put') {
    throw new TypeError(`${where}: badBody does not apply to route s3-put`);
  }
  if (fault.errorFormat !== undefined && fault.route === 's3-put') {
    throw new TypeError(`${where}: errorFormat does not apply to route s3-put (S3 errors are XML)`);
  }
  return fault;
}

/**
 * @param {unknown} faults
 * @returns {ActiveFault[]}
 */
export function normalizeFaults(faults) {
  if (!Array.isArray(faults)) throw new TypeError('faults must be an array');
  return faults.map((f, i) => normalizeFault(f, i));
}

export class FaultPlan {
  /** @type {ActiveFault[]} */
  #faults = [];
  #random;

  /** @param {() => number} [random] Injectable so soak behaviour can be made deterministic. */
  constructor(random = Math.random) {
    this.#random = random;
  }

  /** @param {unknown} faults */
  replace(faults) {
    this.#faults = normalizeFaults(faults);
  }

  clear() {
    this.#faults = [];
  }

  /**
   * Picks the first live fault for the route that wins its probability roll, and uses one of
   * its `times`. A lost roll does not use anything up, so `times` counts faults actually served.
   * @param {FaultRoute} route
   * @returns {ActiveFault | null}
   */
  take(route) {
    for (const fault of this.#faults) {
      if (fault.route !== route || fault.remaining === 0) continue;
      if (this.#random() >= (fault.probability ?? 1)) continue;
      if (fault.remaining > 0) fault.remaining -= 1;
      return { ...fault };
    }
    return null;
  }

  /** @returns {ActiveFault[]} */
  list() {
    return this.#faults.map((f) => ({ ...f }));
  }
}
