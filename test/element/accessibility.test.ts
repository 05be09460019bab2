/**
 * One walk through every state a customer meets (idle, dragging, uploading, finalizing, done,
 * failed, rejected, many files), checked with axe at each step, in both layouts: the default drop
 * zone and `compact` (the paperclip and chips, with drops on a drop-target outside the element).
 */
import { expect } from '@open-wc/testing';
import { DEFAULT_STRINGS } from '../../src/index.js';
import type { ConnectAttachmentUpload } from '../../src/index.js';
import { announced, chatPanel, drag, mount, settled, shadow, shadowText } from '../helpers/element.js';
import { makeFile, standIn } from '../helpers/stand-in.js';

afterEach(async () => (await standIn()).clearFaults());

/** What differs between the layouts: how the element looks idle, and where a drag goes. */
interface Layout {
  setUp(el: ConnectAttachmentUpload): void;
  checkIdle(el: ConnectAttachmentUpload): void;
  /** Starts a drag over where files are dropped and checks what shows it; returns how to end it. */
  dragOver(el: ConnectAttachmentUpload): Promise<() => Promise<void>>;
  checkUploading(el: ConnectAttachmentUpload): void;
  tearDown(): void;
}

function defaultLayout(): Layout {
  const zone = (el: ConnectAttachmentUpload) => shadow(el).querySelector('[part=dropzone]') as HTMLElement;
  return {
    setUp: () => {},
    checkIdle: (el) => expect(el.hasAttribute('compact')).to.equal(false),
    dragOver: async (el) => {
      drag(zone(el), 'dragenter', [makeFile('drag.txt', 10)]);
      await el.updateComplete;
      expect(shadowText(el, '[part=dropzone]')).to.contain(DEFAULT_STRINGS.dropHere);
      return async () => {
        drag(zone(el), 'dragleave');
        await el.updateComplete;
      };
    },
    checkUploading: () => {},
    tearDown: () => {},
  };
}

function compactLayout(): Layout {
  const { panel, message } = chatPanel();
  const overlay = (el: ConnectAttachmentUpload) => shadow(el).querySelector('[part=drop-overlay]');
  return {
    setUp: (el) => {
      el.compact = true;
      el.dropTarget = panel;
    },
    checkIdle: (el) => {
      expect(el.hasAttribute('compact')).to.equal(true, 'reflected');
      const zone = shadow(el).querySelector('[part=dropzone]') as HTMLButtonElement;
      expect(zone.getAttribute('aria-label')).to.equal(DEFAULT_STRINGS.attach);
      expect(zone.title).to.equal(DEFAULT_STRINGS.attach);
      expect(zone.querySelector('svg')).to.exist;
    },
    dragOver: async (el) => {
      drag(message, 'dragenter', [makeFile('drag.txt', 10)]);
      await el.updateComplete;
      expect(overlay(el)).to.exist;
      return async () => {
        drag(panel, 'dragleave', [], { relatedTarget: document.body });
        await el.updateComplete;
        expect(overlay(el)).to.equal(null);
      };
    },
    checkUploading: (el) => {
      const chip = shadow(el).querySelector('li[data-id]') as HTMLElement;
      expect(chip.querySelector('progress')).to.exist;
      expect(chip.querySelector('.meta')?.textContent?.trim()).to.match(/^\d+\s?%$/, 'the chip shows its percent');
    },
    tearDown: () => panel.remove(),
  };
}

describe('every state, accessibly, in both layouts', () => {
  for (const [name, makeLayout] of [
    ['default', defaultLayout],
    ['compact', compactLayout],
  ] as const) {
    it(`has no axe violations idle, dragging, uploading, finalizing, done, failed, rejected and with many files (${name} layout)`, async function () {
      this.timeout(60_000);
      const layout = makeLayout();
      try {
        const { el, stand } = await mount((el) => layout.setUp(el));
        layout.checkIdle(el);
        await expect(el).to.be.accessible();

        const endDrag = await layout.dragOver(el);
        expect(el.matches(':state(dragging)')).to.equal(true);
        await expect(el).to.be.accessible();
        await endDrag();

        await stand.setFaults([
          { route: 's3-put', slowBytesPerSecond: 256 * 1024, times: 1 },
          { route: 'complete-attachment-upload', delayMs: 1500, times: 2 },
        ]);
        el.upload([makeFile('slow.mp4', 3_000_000, 'video/mp4')]);
        await new Promise((resolve) => el.addEventListener('attachment-progress', resolve, { once: true }));
        await el.updateComplete;
        expect(el.matches(':state(uploading)')).to.equal(true);
        layout.checkUploading(el);
        await expect(el).to.be.accessible();
        el.cancel();

        el.upload([makeFile('small.txt', 100)]);
        await new Promise((resolve) => el.addEventListener('attachment-uploaded', resolve, { once: true }));
        await el.updateComplete;
        expect(el.uploads.at(-1)?.state).to.equal('finalizing');
        await expect(el).to.be.accessible();
        await settled(el);
        await expect(el).to.be.accessible();

        await stand.setFaults([{ route: 's3-put', status: 403, errorType: 'AccessDenied', times: 1 }]);
        el.upload([makeFile('refused.txt', 100)]);
        await settled(el);
        await el.updateComplete;
        expect(el.matches(':state(error)')).to.equal(true);
        await expect(el).to.be.accessible();

        el.upload([makeFile('tool.exe', 10, 'application/x-msdownload')]);
        await announced(el);
        await expect(el).to.be.accessible();

        el.manual = true;
        el.upload(Array.from({ length: 30 }, (_, i) => makeFile(`many-${i}.png`, 10, 'image/png', i)));
        await el.updateComplete;
        await expect(el).to.be.accessible();
      } finally {
        layout.tearDown();
      }
    });
  }
});
