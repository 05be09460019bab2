/**
 * Longer words at a phone's width: with the pseudo-locale (every word about 40 % longer, accented),
 * 360 px wide, in both layouts, no action is clipped or pushed out and nothing scrolls sideways.
 * The element has no media query on the viewport, so a 360-px-wide page is a 360-px column: the
 * test uses one (WebKit's WebDriver cannot resize its window).
 */
import { expect, fixture, html } from '@open-wc/testing';
import type { ConnectAttachmentUpload } from '../../src/index.js';
import { announced } from '../helpers/element.js';
import { PSEUDO } from '../helpers/pseudo-locale.js';
import { makeFile } from '../helpers/stand-in.js';

const PHONE = 360;

/** Every action and its text: not cut (its text fits its box) and inside the phone's width. */
function expectNothingClipped(el: ConnectAttachmentUpload, phone: HTMLElement): void {
  const { left: start } = phone.getBoundingClientRect();
  const actions = [...(el.shadowRoot as ShadowRoot).querySelectorAll<HTMLElement>('button, [part=button]')];
  expect(actions.length).to.be.above(5);
  for (const action of actions) {
    const label = action.getAttribute('aria-label') ?? action.textContent?.trim();
    expect(action.scrollWidth, `${label}: its text fits`).to.be.at.most(action.clientWidth);
    const { left, right } = action.getBoundingClientRect();
    expect(left - start, `${label}: inside the phone's width`).to.be.at.least(0);
    expect(right - start, `${label}: inside the phone's width`).to.be.at.most(PHONE);
  }
  expect(phone.scrollWidth, 'no sideways scroll').to.be.at.most(PHONE);
  expect(el.getBoundingClientRect().right - start).to.be.at.most(PHONE);
}

for (const compact of [false, true]) {
  it(`${compact ? 'compact' : 'the default layout'} at 360 px with 40 % longer words: no clipped action, no sideways overflow`, async () => {
    const phone = await fixture<HTMLDivElement>(
      html`<div style="width: ${PHONE}px; overflow: auto">
        <connect-attachment-upload multiple manual show-hint max-files="4" ?compact=${compact}>
          <textarea aria-label="Message"></textarea>
        </connect-attachment-upload>
      </div>`,
    );
    const el = phone.querySelector('connect-attachment-upload') as ConnectAttachmentUpload;
    el.strings = PSEUDO;
    el.upload([
      makeFile('a-rather-long-file-name-from-the-scanner-2026-11-30.pdf', 2_000_000, 'application/pdf'),
      makeFile('photo.png', 300_000, 'image/png'),
      makeFile('notes.txt', 100),
      makeFile('setup.exe', 10, 'application/x-msdownload'),
      makeFile('empty.txt', 0),
    ]);
    await announced(el);
    expect(el.shadowRoot?.querySelector('[part=rejections]')?.textContent, 'the pseudo-locale is shown').to.contain('[');
    expectNothingClipped(el, phone);
    el.cancel();
    await el.updateComplete;
    expectNothingClipped(el, phone);
  });
}
