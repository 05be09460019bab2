/** Every word from `strings`, numbers formatted for `lang`. */
import { expect } from '@open-wc/testing';
import { mount, shadowText } from '../helpers/element.js';
import { makeFile } from '../helpers/stand-in.js';

describe('words and language', () => {
  it('takes every word from `strings` and formats numbers for `lang`', async () => {
    const { el } = await mount((el) => {
      el.manual = true;
      el.lang = 'fr';
      el.strings = { choose: 'Choisir des fichiers', states: { queued: 'En attente' } };
    });
    el.upload([makeFile('rapport.pdf', 1_572_864, 'application/pdf')]);
    await el.updateComplete;
    expect(shadowText(el, '[part=button]')).to.equal('Choisir des fichiers');
    expect(shadowText(el, '.state')).to.equal('En attente');
    expect(shadowText(el, '.meta')).to.match(/^1,6\s?Mo/, 'decimal units: 1,572,864 bytes are 1.6 MB');
    el.lang = 'en';
    await el.updateComplete;
    el.requestUpdate();
    await el.updateComplete;
    expect(shadowText(el, '.meta')).to.match(/^1\.6\s?MB/);
  });
});
