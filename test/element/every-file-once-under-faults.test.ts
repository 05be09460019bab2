/**
 * The fault soak: 200 files through the element with concurrency 4 while about 15 % of requests
 * fail (throttling, 5xx, connection resets, an expired URL, a slow S3). Every file must end
 * completed exactly once with its exact bytes, or reported by attachment-error with a code.
 */
import { expect } from '@open-wc/testing';
import type { Fault } from '../helpers/stand-in.js';
import { makeFile, sha256Hex, standIn } from '../helpers/stand-in.js';
import { mount, settled } from '../helpers/element.js';

afterEach(async () => (await standIn()).clearFaults());

const FILES = 200;
const TYPES: Array<[string, string]> = [
  ['txt', 'text/plain'],
  ['pdf', 'application/pdf'],
  ['png', 'image/png'],
  ['csv', 'text/csv'],
  ['jpg', 'image/jpeg'],
];

/** Sizes from 1 B to 2 MB, most of them small, fixed by a seed so runs compare. */
function sizeFor(index: number): number {
  if (index === 0) return 1;
  if (index === 1) return 2 * 1024 * 1024;
  const u = ((index * 2654435761) % 1000) / 1000;
  return 1 + Math.floor(2 * 1024 * 1024 * u ** 3);
}

const forever = (fault: Fault): Fault => ({ times: -1, ...fault });
// About 15 % of the calls (preflights aside) meet a fault; the first fault whose roll wins applies.
const FAULTS: Fault[] = [
  forever({ route: 'start-attachment-upload', probability: 0.05, status: 429, errorType: 'ThrottlingException' }),
  forever({ route: 'start-attachment-upload', probability: 0.04, status: 500, errorType: 'InternalServerException' }),
  forever({ route: 'start-attachment-upload', probability: 0.04, expiredUrl: true }),
  forever({ route: 'start-attachment-upload', probability: 0.04, reset: true }),
  forever({ route: 's3-put', probability: 0.05, status: 503, errorType: 'SlowDown' }),
  forever({ route: 's3-put', probability: 0.05, reset: true }),
  forever({ route: 's3-put', probability: 0.05, slowBytesPerSecond: 4 * 1024 * 1024 }),
  forever({ route: 'complete-attachment-upload', probability: 0.07, status: 429, errorType: 'ThrottlingException' }),
  forever({ route: 'complete-attachment-upload', probability: 0.05, status: 500, errorType: 'InternalServerException' }),
  forever({ route: 'complete-attachment-upload', probability: 0.04, reset: true }),
];

describe('fault soak', () => {
  it(`${FILES} files under random faults: each completed once with identical bytes, or reported with a code`, async function () {
    this.timeout(120_000);
    const started = performance.now();
    const { el, chat, stand, events } = await mount((el) => {
      el.concurrency = 4;
      el.retryPolicy = { attempts: 4, baseDelayMs: 20, maxDelayMs: 400 };
      el.requestTimeoutMs = 10_000;
      el.stallTimeoutMs = 10_000;
    }, FILES * 4);
    const files = Array.from({ length: FILES }, (_, i) => {
      const [extension, type] = TYPES[i % TYPES.length] as [string, string];
      return makeFile(`soak-${i}.${extension}`, sizeFor(i), type, i + 1);
    });
    await stand.setFaults(FAULTS);
    el.upload(files);
    await settled(el, 110_000);
    await stand.clearFaults();

    const { attachments, requests } = await stand.state();
    const ours = attachments.filter((a) => a.contactId === chat.contactId);
    const byId = new Map(ours.map((a) => [a.attachmentId, a]));
    const calls = requests.filter((request) => request.method !== 'OPTIONS');
    const faulted = calls.filter((request) => request.fault).length;
    const errors = events.filter((event) => event.type === 'attachment-error').map((event) => event.detail);
    const tally = {
      files: FILES,
      completed: el.uploads.filter((upload) => upload.state === 'done').length,
      failed: el.uploads.filter((upload) => upload.state === 'failed').length,
      retries: events.filter((event) => event.type === 'attachment-retry').length,
      restartsAfterExpiry: events.filter((event) => event.type === 'attachment-retry' && event.detail['code'] === 'url-expired').length,
      requests: calls.length,
      faultedRequests: faulted,
      faultShare: `${((100 * faulted) / calls.length).toFixed(1)} %`,
      errorCodes: errors.map((detail) => `${detail['stage']}:${detail['code']}`).join(' ') || 'none',
      seconds: ((performance.now() - started) / 1000).toFixed(1),
    };
    console.log(`soak tally ${JSON.stringify(tally)}`);
    for (const detail of errors) {
      const story = events
        .filter((event) => event.detail['uploadId'] === detail['uploadId'])
        .map((event) => `${event.type}${event.detail['code'] ? `:${event.detail['code']}` : ''}`);
      console.log(`failed ${(detail['file'] as File).name} (${detail['message']}): ${story.join(' → ')}`);
      // What the stand-in saw for this file, to tell an injected fault from a real problem.
      const name = (detail['file'] as File).name;
      const ids = ours.filter((a) => a.name === name).map((a) => a.attachmentId);
      const seen = calls.filter((r) => r.body?.['AttachmentName'] === name || ids.some((id) => r.url.includes(id)));
      console.log(JSON.stringify(seen.map((r) => ({ method: r.method, url: r.url.split('?')[0], fault: r.fault, status: r.status }))));
    }

    expect(tally.completed + tally.failed).to.equal(FILES, 'every file ended completed or failed');
    for (const upload of el.uploads) {
      if (upload.state === 'done') {
        const stored = byId.get(upload.attachmentId ?? '');
        expect(stored, upload.file.name).to.include({ status: 'completed', completeCount: 1 });
        expect(stored?.stored?.sha256, upload.file.name).to.equal(await sha256Hex(upload.file));
      } else {
        const error = errors.find((detail) => detail['uploadId'] === upload.uploadId);
        expect(error?.['code'], `${upload.file.name} was reported`).to.be.a('string');
      }
    }
    const completedIds = ours
      .filter((a) => a.status === 'completed')
      .map((a) => a.attachmentId)
      .sort();
    const doneIds = el.uploads
      .filter((u) => u.state === 'done')
      .map((u) => u.attachmentId ?? '')
      .sort();
    expect(completedIds).to.deep.equal(doneIds, 'nothing completed that the page was not told about');
    expect(ours.every((a) => a.completeCount <= 1)).to.equal(true, 'no attachment completed twice');
    const completedWithoutBytes = ours.filter((a) => a.completeRequests > 0 && a.stored?.size !== a.size);
    expect(completedWithoutBytes.map((a) => a.name)).to.deep.equal([], 'no Complete for an id whose PUT did not succeed');
    expect(faulted / calls.length).to.be.within(0.08, 0.3, 'the soak really ran under faults');
  });
});
