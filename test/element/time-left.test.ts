/**
 * The time left a running file shows, on a clock the test moves: nothing for the first 3 s, then
 * an estimate from the smoothed throughput, in 5-second steps, changed at most once a second, and
 * nothing while stalled or once the bytes are out. (The browser test of the visible numbers cannot
 * promise a timing on a shared machine; this one does not depend on one.)
 */
import { expect } from '@open-wc/testing';
import { timeLeft } from '../../src/element/file-item.js';
import { VIEW_KIT } from '../../src/element/view-kit.js';
import { ENGLISH } from '../helpers/words.js';
import type { UploadInfo } from '../../src/pipeline/upload-list.js';

const MB = 1_000_000;

function running(file: File, loaded: number, more: Partial<UploadInfo> = {}): UploadInfo {
  return {
    uploadId: 'u1',
    file,
    contentType: 'video/mp4',
    state: 'uploading',
    loaded,
    total: 10 * MB,
    attachmentId: 'a1',
    error: undefined,
    stalled: false,
    scanStatus: undefined,
    ...more,
  } as UploadInfo;
}

describe('time left', () => {
  it('says nothing for 3 s, then the remaining bytes over the smoothed rate, in 5-second steps', () => {
    const file = new File(['x'], 'big.mp4');
    const at = (ms: number, loaded: number, more?: Partial<UploadInfo>) =>
      timeLeft(VIEW_KIT, running(file, loaded, more), ENGLISH, 'en', ms);
    expect(at(0, 0)).to.equal('');
    expect(at(1_000, 1 * MB)).to.equal('');
    expect(at(2_000, 2 * MB)).to.equal('');
    // 1 MB/s, 7 MB to go: 7 s, shown as the next 5-second step.
    expect(at(3_000, 3 * MB)).to.equal('10 seconds left');
    // Within the second after, it keeps what it said even though the rate changed.
    expect(at(3_400, 3.1 * MB)).to.equal('10 seconds left');
    expect(at(4_500, 4.1 * MB)).to.equal('10 seconds left');
    expect(at(5_600, 5.5 * MB)).to.equal('5 seconds left');
  });

  it('says nothing while stalled or once every byte is out, and starts over after a restart', () => {
    const file = new File(['x'], 'big.mp4');
    const at = (ms: number, loaded: number, more?: Partial<UploadInfo>) =>
      timeLeft(VIEW_KIT, running(file, loaded, more), ENGLISH, 'en', ms);
    at(0, 0);
    expect(at(3_000, 3 * MB)).to.equal('10 seconds left');
    expect(at(4_100, 3 * MB, { stalled: true })).to.equal('');
    expect(at(5_200, 10 * MB, { state: 'finalizing' })).to.equal('');
    // A retry from Start: fewer bytes than before, so the old samples are dropped.
    expect(at(6_000, 0)).to.equal('');
    expect(at(7_000, 1 * MB)).to.equal('');
  });

  it('counts minutes for long transfers', () => {
    const file = new File(['x'], 'huge.mp4');
    const slow = (ms: number, loaded: number) => timeLeft(VIEW_KIT, { ...running(file, loaded), total: 100 * MB }, ENGLISH, 'en', ms);
    slow(0, 0);
    // 0.1 MB/s and 99.7 MB to go: about 1000 s.
    expect(slow(3_000, 0.3 * MB)).to.equal('17 minutes left');
  });
});
