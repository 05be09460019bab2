/** What a screen reader user hears: each file started and attached, failures, rejections, sums of many files, progress in coarse steps. */
import { expect } from '@open-wc/testing';
import { DEFAULT_STRINGS } from '../../src/index.js';
import { announced, countSaid, listenLive, mount, settled, shadow, shadowText } from '../helpers/element.js';
import { makeFile, standIn } from '../helpers/stand-in.js';

afterEach(async () => (await standIn()).clearFaults());

describe('announcements', () => {
  it('says each file started and was attached, once each', async () => {
    const { el } = await mount();
    const heard = listenLive(el);
    el.upload([makeFile('note.txt', 1_000)]);
    await settled(el);
    await announced(el);
    expect(countSaid(heard.polite, 'Uploading note.txt.')).to.equal(1);
    expect(countSaid(heard.polite, 'note.txt was attached.')).to.equal(1);
    expect(heard.assertive).to.deep.equal([]);
  });

  it('says a failure assertively, in words, once', async () => {
    const { el, stand } = await mount((el) => (el.retryPolicy = { attempts: 1, baseDelayMs: 1, maxDelayMs: 1 }));
    await stand.setFaults([{ route: 'start-attachment-upload', status: 402, errorType: 'ServiceQuotaExceededException', times: 1 }]);
    const heard = listenLive(el);
    el.upload([makeFile('late.txt', 100)]);
    await settled(el);
    await announced(el);
    expect(heard.assertive).to.deep.equal([`late.txt could not be attached. ${DEFAULT_STRINGS.errors['quota-exceeded']}`]);
    expect(shadowText(el, '[part=error]')).to.equal(DEFAULT_STRINGS.errors['quota-exceeded']);
  });

  it('sums up many files in one sentence', async () => {
    const { el } = await mount((el) => (el.concurrency = 6));
    const heard = listenLive(el);
    el.upload(Array.from({ length: 6 }, (_, i) => makeFile(`f${i}.txt`, 10, 'text/plain', i + 1)));
    await settled(el);
    await announced(el);
    // News gathered in the same moment is summed up; however the moments fall, all six are said once.
    const all = heard.polite.join(' ');
    const summed = [...all.matchAll(/(\d+) files were attached\./g)].reduce((sum, match) => sum + Number(match[1]), 0);
    const single = [...all.matchAll(/f\d\.txt was attached\./g)].length;
    expect(summed).to.be.at.least(2, 'at least one summary sentence');
    expect(summed + single).to.equal(6);
  });

  it('says rejections, with the reason, and shows them until the next files come', async () => {
    const { el } = await mount((el) => (el.manual = true));
    const heard = listenLive(el);
    el.upload([new File([], 'empty.txt', { type: 'text/plain' })]);
    await announced(el);
    const words = `empty.txt was not added. ${DEFAULT_STRINGS.rejections['empty-file']}`;
    expect(heard.polite).to.deep.equal([words]);
    expect(shadowText(el, '[part=rejection] bdi')).to.equal('empty.txt', 'seen, not only heard');
    expect(shadowText(el, '[part=rejection] [dir]')).to.equal(DEFAULT_STRINGS.rejections['empty-file']);
    el.upload([makeFile('fine.txt', 10)]);
    await el.updateComplete;
    expect(shadow(el).querySelector('[part=rejection]')).to.equal(null);
  });
});

describe('progress announcements', () => {
  it('says one file’s progress in coarse steps, each once, and never "100 %"', async () => {
    const { el, stand } = await mount();
    // Big enough that socket buffers (which the browser counts as sent) hold well under half of it.
    await stand.setFaults([{ route: 's3-put', slowBytesPerSecond: 3 * 1024 * 1024, times: 1 }]);
    const heard = listenLive(el);
    el.upload([makeFile('steady.mp4', 19 * 1024 * 1024, 'video/mp4')]);
    await settled(el);
    await announced(el);
    const steps = heard.polite.filter((said) => said.startsWith('steady.mp4: '));
    expect(steps.length, `progress was said: ${heard.polite.join(' | ')}`).to.be.within(1, 3);
    expect(new Set(steps).size).to.equal(steps.length, 'each step once');
    expect(steps.every((said) => /^steady\.mp4: (25|50|75)\s?%\.$/.test(said))).to.equal(true, steps.join(' | '));
  });

  it('says a batch’s progress, not each file’s, when several files run', async () => {
    const { el, stand } = await mount();
    await stand.setFaults([{ route: 's3-put', slowBytesPerSecond: 2 * 1024 * 1024, times: 2 }]);
    const heard = listenLive(el);
    el.upload([makeFile('one.mp4', 8 * 1024 * 1024, 'video/mp4', 1), makeFile('two.mp4', 8 * 1024 * 1024, 'video/mp4', 2)]);
    await settled(el);
    await announced(el);
    expect(heard.polite.some((said) => /^(one|two)\.mp4: /.test(said))).to.equal(false, heard.polite.join(' | '));
    const steps = heard.polite.filter((said) => said.startsWith('Uploads '));
    expect(steps.length, heard.polite.join(' | ')).to.be.within(1, 3);
    expect(new Set(steps).size).to.equal(steps.length);
  });
});
