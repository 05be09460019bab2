import { expect } from '@open-wc/testing';
import type { CompleteUploadInput, StartUploadInput, StartedUpload } from '../../src/api/acps.js';
import { UploadError } from '../../src/api/errors.js';
import type { PutObjectRequest } from '../../src/api/s3.js';
import type { RetryNotice } from '../../src/pipeline/retry.js';
import { TaskQueue } from '../../src/pipeline/task-queue.js';
import { type UploadSteps, uploadFile } from '../../src/pipeline/upload-file.js';

const instant = { attempts: 3, baseDelayMs: 1, maxDelayMs: 2 };
const job = { file: new File(['hello'], 'hello.txt', { type: 'text/plain' }), contentType: 'text/plain' };

/** Fake I/O that records each call; `put` and `start` fail with the errors queued for them. */
function fakeSteps(failures: { start?: UploadError[]; put?: UploadError[]; complete?: UploadError[] } = {}) {
  const calls = { start: [] as StartUploadInput[], put: [] as PutObjectRequest[], complete: [] as CompleteUploadInput[] };
  const steps: UploadSteps = {
    async start(input) {
      calls.start.push(input);
      const failure = failures.start?.shift();
      if (failure) throw failure;
      const started: StartedUpload = {
        attachmentId: `att-${calls.start.length}`,
        url: 'https://s3.example/put',
        urlExpiry: new Date(Date.now() + 60_000),
        headers: { 'Content-Type': input.contentType },
      };
      return started;
    },
    async put(request) {
      calls.put.push(request);
      const failure = failures.put?.shift();
      if (failure) throw failure;
      request.onProgress?.(request.body.size, request.body.size);
    },
    async complete(input) {
      calls.complete.push(input);
      const failure = failures.complete?.shift();
      if (failure) throw failure;
    },
  };
  return { steps, calls };
}

describe('uploadFile (pipeline with fake I/O)', () => {
  it('runs start, put and complete in order with the same type and size', async () => {
    const { steps, calls } = fakeSteps();
    const stages: string[] = [];
    const result = await uploadFile(job, steps, new AbortController().signal, { onStage: (stage) => stages.push(stage) });
    expect(result).to.deep.equal({ attachmentId: 'att-1' });
    expect(stages).to.deep.equal(['start', 'upload', 'complete']);
    expect(calls.start[0]).to.include({ contentType: 'text/plain', sizeInBytes: 5, name: 'hello.txt' });
    expect(calls.put[0]?.body).to.equal(job.file, 'the very File is the body');
    expect(calls.complete[0]?.attachmentId).to.equal('att-1');
    expect(calls.complete[0]?.clientToken).to.not.equal(calls.start[0]?.clientToken, 'one ClientToken per step');
  });

  it('never calls Complete after a failed PUT, and reports the upload stage and the attachment', async () => {
    const { steps, calls } = fakeSteps({ put: [new UploadError('upload-rejected', 'S3 said no', { status: 403 })] });
    const error = await uploadFile(job, steps, new AbortController().signal, {}, { retry: instant }).catch((e) => e);
    expect(error).to.be.instanceOf(UploadError);
    expect(error).to.include({ code: 'upload-rejected', stage: 'upload', attachmentId: 'att-1', status: 403 });
    expect(calls.complete).to.have.length(0);
  });

  it('never calls Complete after a cancel during the PUT', async () => {
    const controller = new AbortController();
    const { steps, calls } = fakeSteps();
    steps.put = (request) =>
      new Promise((_, reject) => {
        calls.put.push(request);
        request.signal?.addEventListener('abort', () => reject(new DOMException('stop', 'AbortError')));
        controller.abort();
      });
    const error = await uploadFile(job, steps, controller.signal).catch((e) => e);
    expect(error).to.be.instanceOf(DOMException);
    expect((error as DOMException).name).to.equal('AbortError');
    expect(calls.complete).to.have.length(0);
  });

  it('does not PUT when cancelled while Start is in flight', async () => {
    const controller = new AbortController();
    const { steps, calls } = fakeSteps();
    const realStart = steps.start;
    steps.start = async (input, signal) => {
      const started = await realStart(input, signal);
      controller.abort(); // the answer arrives after the user cancelled
      return started;
    };
    const error = await uploadFile(job, steps, controller.signal).catch((e) => e);
    expect((error as DOMException).name).to.equal('AbortError');
    expect(calls.put).to.have.length(0);
    expect(calls.complete).to.have.length(0);
  });

  it('retries a throttled Start with the same ClientToken and reports each retry', async () => {
    const { steps, calls } = fakeSteps({
      start: [new UploadError('throttled', 'slow down', { status: 429 }), new UploadError('server-error', 'oops', { status: 500 })],
    });
    const retries: RetryNotice[] = [];
    await uploadFile(job, steps, new AbortController().signal, { onRetry: (n) => retries.push(n) }, { retry: instant });
    expect(calls.start).to.have.length(3);
    expect(new Set(calls.start.map((input) => input.clientToken)).size).to.equal(1);
    expect(retries.map(({ stage, attempt, code }) => [stage, attempt, code])).to.deep.equal([
      ['start', 2, 'throttled'],
      ['start', 3, 'server-error'],
    ]);
  });

  it('retries a throttled Complete on its own: the bytes are not sent again', async () => {
    const { steps, calls } = fakeSteps({ complete: [new UploadError('throttled', 'slow down', { status: 429 })] });
    await uploadFile(job, steps, new AbortController().signal, {}, { retry: instant });
    expect(calls.put).to.have.length(1);
    expect(calls.complete).to.have.length(2);
    expect(calls.complete[0]?.clientToken).to.equal(calls.complete[1]?.clientToken);
  });

  it('does not retry errors that cannot pass', async () => {
    for (const code of ['validation', 'access-denied', 'quota-exceeded', 'conflict', 'config'] as const) {
      const { steps, calls } = fakeSteps({ start: [new UploadError(code, code)] });
      const error = await uploadFile(job, steps, new AbortController().signal, {}, { retry: instant }).catch((e) => e);
      expect(error, code).to.include({ code, stage: 'start' });
      expect(calls.start, code).to.have.length(1);
    }
  });

  it('gives up after the configured attempts', async () => {
    const throttled = () => new UploadError('throttled', 'slow down', { status: 429 });
    const { steps, calls } = fakeSteps({ start: [throttled(), throttled(), throttled(), throttled()] });
    const error = await uploadFile(job, steps, new AbortController().signal, {}, { retry: instant }).catch((e) => e);
    expect(error).to.include({ code: 'throttled', stage: 'start' });
    expect(calls.start).to.have.length(3);
  });
});

describe('TaskQueue', () => {
  const live = () => new AbortController().signal;

  it('runs at most `concurrency` tasks at once, in order', async () => {
    const queue = new TaskQueue(() => 2);
    let running = 0;
    let peak = 0;
    const order: number[] = [];
    const done = Array.from(
      { length: 6 },
      (_, index) =>
        new Promise<void>((resolve) =>
          queue.add(async () => {
            running++;
            peak = Math.max(peak, running);
            order.push(index);
            await new Promise((r) => setTimeout(r, 5));
            running--;
            resolve();
          }, live()),
        ),
    );
    await Promise.all(done);
    expect(peak).to.equal(2);
    expect(order).to.deep.equal([0, 1, 2, 3, 4, 5]);
  });

  it('keeps going after a task fails', async () => {
    const queue = new TaskQueue(() => 1);
    const ran: string[] = [];
    await new Promise<void>((resolve) => {
      queue.add(async () => {
        ran.push('a');
        throw new Error('boom');
      }, live());
      queue.add(async () => {
        ran.push('b');
        resolve();
      }, live());
    });
    expect(ran).to.deep.equal(['a', 'b']);
  });

  it('frees the slot of a cancelled task at once, even when the task never settles', async () => {
    const queue = new TaskQueue(() => 1);
    const stuck = new AbortController();
    queue.add(() => new Promise(() => {}), stuck.signal);
    let ran = false;
    queue.add(async () => {
      ran = true;
    }, live());
    await new Promise((r) => setTimeout(r, 10));
    expect(ran).to.equal(false, 'the first task holds the only slot');
    stuck.abort();
    await new Promise((r) => setTimeout(r, 10));
    expect(ran).to.equal(true, 'the cancel freed the slot');
  });

  it('never starts a task cancelled while it waited, and reads the concurrency at each start', async () => {
    let concurrency = 1;
    const queue = new TaskQueue(() => concurrency);
    const ran: string[] = [];
    let open = () => {};
    const gate = new Promise<void>((resolve) => (open = resolve));
    queue.add(async () => {
      ran.push('a');
      await gate;
    }, live());
    const cancelled = new AbortController();
    queue.add(async () => void ran.push('cancelled'), cancelled.signal);
    queue.add(async () => void ran.push('b'), live());
    queue.add(async () => void ran.push('c'), live());
    cancelled.abort();
    concurrency = 3;
    queue.pump();
    await new Promise((r) => setTimeout(r, 10));
    expect(ran).to.deep.equal(['a', 'b', 'c']);
    open();
  });
});

describe('uploadFile: expiry and URLs', () => {
  it('restarts from Start without sending bytes when the URL expired while the file waited', async () => {
    const { steps, calls } = fakeSteps({ put: [new UploadError('server-error', 'S3 500', { status: 500 })] });
    let clock = Date.now();
    const realStart = steps.start;
    // A URL that lives 60 s from its arrival, as its X-Amz-Expires says.
    steps.start = async (input, signal) => ({
      ...(await realStart(input, signal)),
      url: 'https://s3.example/put?X-Amz-Expires=60',
      urlExpiry: new Date(clock + 60_000),
    });
    const realPut = steps.put;
    steps.put = async (request) => {
      clock += 120_000; // the backoff after this failure outlives the URL
      return realPut(request);
    };
    const result = await uploadFile(job, steps, new AbortController().signal, {}, { retry: instant, now: () => clock });
    expect(calls.start).to.have.length(2);
    expect(calls.start[0]?.clientToken).to.not.equal(calls.start[1]?.clientToken);
    expect(calls.put).to.have.length(2, 'no PUT with the dead URL');
    expect(result.attachmentId).to.equal('att-2');
    expect(calls.complete.map((input) => input.attachmentId)).to.deep.equal(['att-2']);
  });

  it('refuses an upload URL that is not https before sending anything', async () => {
    const { putObject } = await import('../../src/api/s3.js');
    const error = await putObject({ url: 'http://bucket.example.com/key', headers: {}, body: new Blob(['x']) }).catch((e) => e);
    expect(error).to.include({ code: 'bad-response' });
  });

  it('sends Connect a name of at most 256 characters', async () => {
    const { steps, calls } = fakeSteps();
    const file = new File(['x'], `${'n'.repeat(300)}.pdf`, { type: 'application/pdf' });
    await uploadFile({ file, contentType: 'application/pdf' }, steps, new AbortController().signal);
    expect(calls.start[0]?.name).to.have.length(256);
    expect(calls.start[0]?.name.endsWith('.pdf')).to.equal(true);
  });
});
