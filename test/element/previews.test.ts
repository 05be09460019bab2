/** Image previews: shown from an object URL, released when the file leaves the list, never made for large images or other types. */
import { expect } from '@open-wc/testing';
import { mount, pngFile, settled, shadow } from '../helpers/element.js';
import { makeFile } from '../helpers/stand-in.js';

describe('previews', () => {
  it('shows an image preview from an object URL and revokes it when the file leaves the list', async () => {
    const { el } = await mount();
    el.upload([pngFile('photo.png')]);
    await settled(el);
    await el.updateComplete;
    const img = shadow(el).querySelector<HTMLImageElement>('img[part=preview]');
    expect(img?.src).to.match(/^blob:/);
    expect(img?.alt).to.equal('', 'decorative: the name is right beside it');
    const url = img?.src as string;
    expect((await fetch(url)).ok).to.equal(true);
    el.dismiss(el.uploads[0]?.uploadId as string);
    await el.updateComplete;
    const revoked = await fetch(url).then(
      () => false,
      () => true,
    );
    expect(revoked).to.equal(true, 'the object URL was revoked');
  });

  it('makes no preview for large images or other types', async () => {
    const { el } = await mount((el) => (el.manual = true));
    el.upload([makeFile('huge.png', 6 * 1024 * 1024, 'image/png'), makeFile('doc.pdf', 10, 'application/pdf')]);
    await el.updateComplete;
    expect(shadow(el).querySelectorAll('img')).to.have.length(0);
  });
});
