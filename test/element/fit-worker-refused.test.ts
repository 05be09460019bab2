/**
 * A page whose CSP refuses workers (`worker-src 'none'`): the fit tries a worker once, is refused
 * (one console error and one CSP report), and from then on runs on the page's thread for the
 * page's life, instead of paying for a refused worker per image. Its own file: the CSP and the
 * remembered refusal last as long as the page.
 */
import { expect } from '@open-wc/testing';
import { FIT_MEASURE } from '../../src/pipeline/fit-image.js';
import { mount, settled } from '../helpers/element.js';
import { ofType } from '../helpers/fit.js';
import { plainImage } from '../helpers/images.js';

describe('fit-images where the CSP refuses workers', function () {
  this.timeout(60_000);

  it('tries a worker once across several fits, then fits on the page thread', async () => {
    const reports: string[] = [];
    document.addEventListener('securitypolicyviolation', (event) => reports.push(event.effectiveDirective));
    const meta = document.createElement('meta');
    meta.httpEquiv = 'Content-Security-Policy';
    meta.content = "worker-src 'none'";
    document.head.append(meta);
    const PageWorker = window.Worker;
    let made = 0;
    window.Worker = class extends PageWorker {
      constructor(url: string | URL, options?: WorkerOptions) {
        made += 1;
        super(url, options);
      }
    };
    const since = performance.now();
    try {
      const { el, chat, stand, events } = await mount((el) => {
        el.fitImages = true;
        el.maxImageDimension = 200;
      });
      const files = await Promise.all(
        [1, 2, 3].map(async (n) => new File([await plainImage(400 + n, 300)], `shot-${n}.png`, { type: 'image/png' })),
      );
      el.upload(files);
      await settled(el);
      expect(el.uploads.map((upload) => upload.state)).to.deep.equal(['done', 'done', 'done']);
      expect(ofType(events, 'attachment-converted')).to.have.length(3);
      expect(await stand.attachments(chat.contactId)).to.have.length(3);
    } finally {
      window.Worker = PageWorker;
    }
    const fits = performance.getEntriesByName(FIT_MEASURE).filter((entry) => entry.startTime >= since);
    expect(fits.map((entry) => ((entry as PerformanceMeasure).detail as { worker: boolean }).worker)).to.deep.equal([false, false, false]);
    expect(made, 'workers tried').to.equal(1);
    expect(reports.filter((directive) => directive === 'worker-src').length, 'CSP reports').to.be.at.most(1);
  });
});
