/** The token goes to the ACPS endpoint and nowhere else: not in events, not to S3, not into the DOM. */
import { expect } from '@open-wc/testing';
import { mount, settled } from '../helpers/element.js';
import { makeFile, standIn } from '../helpers/stand-in.js';

afterEach(async () => (await standIn()).clearFaults());

/** Every attribute and text of a tree, shadow roots included. */
function everythingWritten(root: Element | ShadowRoot): string {
  const parts: string[] = [];
  const visit = (node: Node) => {
    if (node instanceof Element) {
      for (const attribute of Array.from(node.attributes)) parts.push(`${attribute.name}=${attribute.value}`);
      if (node.shadowRoot) visit(node.shadowRoot);
    } else if (node.nodeType === Node.TEXT_NODE) {
      parts.push(node.textContent ?? '');
    }
    node.childNodes.forEach(visit);
  };
  visit(root);
  return parts.join('\n');
}

describe('the connection token', () => {
  it('appears in no event detail, no S3 request and nothing the element writes', async () => {
    const { el, chat, stand, events } = await mount((el) => (el.retryPolicy = { attempts: 2, baseDelayMs: 1, maxDelayMs: 1 }));
    const token = chat.connectionToken;
    // A retry, a failure and a success, so that every kind of event is fired at least once.
    await stand.setFaults([
      { route: 'start-attachment-upload', status: 500, errorType: 'InternalServerException', times: 1 },
      { route: 's3-put', status: 403, errorType: 'AccessDenied', times: 1 },
    ]);
    el.upload([makeFile('one.txt', 2_000, 'text/plain', 1), makeFile('two.png', 50_000, 'image/png', 2), new File([], 'empty.txt')]);
    await settled(el);

    const kinds = new Set(events.map((event) => event.type));
    for (const kind of ['attachment-retry', 'attachment-error', 'attachment-completed', 'attachment-reject', 'attachment-progress']) {
      expect(kinds.has(kind), `${kind} was fired`).to.equal(true);
    }
    for (const event of events) {
      const { file: _file, ...rest } = event.detail;
      expect(JSON.stringify(rest), event.type).to.not.contain(token);
      expect(Object.keys(event.detail)).to.not.include('token');
    }

    const { requests } = await stand.state();
    const s3 = requests.filter((request) => request.service === 's3');
    expect(s3.length).to.be.greaterThan(0);
    for (const request of s3) {
      expect(request.url).to.not.contain(token);
      expect(JSON.stringify(request.headers)).to.not.contain(token);
      expect(Object.keys(request.headers)).to.not.include('x-amz-bearer');
    }
    const acps = requests.filter((request) => request.service === 'acps' && request.url.startsWith('/participant/'));
    expect(acps.every((request) => !request.url.includes(token))).to.equal(true, 'never in an ACPS URL');

    await el.updateComplete;
    expect(everythingWritten(el)).to.not.contain(token);
    expect(el.hasAttribute('token')).to.equal(false);
  });
});
