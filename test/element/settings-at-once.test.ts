/**
 * The element's properties are its uploader's settings: what a page sets just before `upload()`
 * applies to that upload, before any render, and a token given as a property never reaches the
 * markup. What the uploader then does with them (retries, renewals, expiry) is tested on the core
 * in ../core/retries-expiry-tokens-offline.test.ts.
 */
import { expect } from '@open-wc/testing';
import { mount, settled } from '../helpers/element.js';
import { makeFile, standIn } from '../helpers/stand-in.js';

afterEach(async () => (await standIn()).clearFaults());

describe('settings set on the element', () => {
  it('sends the next upload to the endpoint and token set just before it, in the same task', async () => {
    const { el, chat, stand } = await mount();
    el.upload([makeFile('first.txt', 10)]);
    await settled(el);
    const other = await stand.createChat();
    // Set and used before any render: nothing may still point at the first chat.
    el.endpoint = stand.endpoint.replace('127.0.0.1', 'localhost');
    el.token = other.connectionToken;
    el.upload([makeFile('second.txt', 10)]);
    await settled(el);
    expect(el.uploads.map((upload) => upload.state)).to.deep.equal(['done', 'done']);
    expect((await stand.attachments(chat.contactId)).map((a) => a.name)).to.deep.equal(['first.txt']);
    expect((await stand.attachments(other.contactId)).map((a) => a.name)).to.deep.equal(['second.txt']);
    const { requests } = await stand.state();
    const start = requests.find((request) => request.body?.['AttachmentName'] === 'second.txt');
    expect(start?.headers['host'], 'the new endpoint was used').to.match(/^localhost:/);
  });

  it('uploads with participantToken set as a property and never writes it to the participant-token attribute', async () => {
    const { el, chat, stand } = await mount();
    el.token = undefined;
    el.participantToken = chat.participantToken;
    el.upload([makeFile('a.txt', 100)]);
    await settled(el);
    expect(el.uploads[0]?.state).to.equal('done');
    expect((await stand.attachments(chat.contactId)).map((a) => a.name)).to.deep.equal(['a.txt']);
    expect(el.getAttribute('participant-token')).to.equal(null);
    expect(el.outerHTML).to.not.contain(chat.participantToken);
  });
});
