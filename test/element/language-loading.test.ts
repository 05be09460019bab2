/**
 * A page in another language never sees English flash by: until the language's words arrive the
 * element's text is hidden (its box keeps its place), then it shows them. Its own file: the words
 * must not have been loaded by an earlier test in the same page.
 */
import { expect } from '@open-wc/testing';
import '../../src/define.js';
import type { ConnectAttachmentUpload } from '../../src/index.js';

it('hides its text until the page’s language arrives, then shows it in that language', async () => {
  const page = document.createElement('div');
  page.lang = 'ar';
  page.innerHTML = '<connect-attachment-upload></connect-attachment-upload>';
  const el = page.querySelector('connect-attachment-upload') as ConnectAttachmentUpload;
  document.body.append(page);
  try {
    // The first render comes in a microtask; the words cannot come before a network round trip.
    for (let i = 0; i < 20 && !el.hasUpdated; i++) await Promise.resolve();
    expect(el.hasUpdated, 'rendered').to.equal(true);
    const zone = el.shadowRoot?.querySelector('[part=dropzone]') as HTMLElement;
    expect(getComputedStyle(zone).visibility).to.equal('hidden', 'no English meanwhile');
    expect(zone.getBoundingClientRect().height, 'its place is kept').to.be.above(0);
    await el.updateComplete;
    expect(getComputedStyle(zone).visibility).to.equal('visible');
    expect(zone.textContent).to.contain('اختر ملفات');
  } finally {
    page.remove();
  }
});

it('keeps the composer’s own content (the default slot) visible meanwhile', async () => {
  const page = document.createElement('div');
  page.lang = 'he';
  page.innerHTML = '<connect-attachment-upload compact><textarea aria-label="Message"></textarea></connect-attachment-upload>';
  const el = page.querySelector('connect-attachment-upload') as ConnectAttachmentUpload;
  const message = page.querySelector('textarea') as HTMLTextAreaElement;
  document.body.append(page);
  try {
    for (let i = 0; i < 20 && !el.hasUpdated; i++) await Promise.resolve();
    const zone = el.shadowRoot?.querySelector('[part=dropzone]') as HTMLElement;
    expect(getComputedStyle(zone).visibility).to.equal('hidden', 'the paperclip waits for its words');
    expect(getComputedStyle(message).visibility).to.equal('visible', 'the customer can type meanwhile');
    await el.updateComplete;
    expect(getComputedStyle(zone).visibility).to.equal('visible');
    expect(getComputedStyle(message).visibility).to.equal('visible');
  } finally {
    page.remove();
  }
});
