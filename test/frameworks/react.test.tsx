/**
 * <connect-attachment-upload> inside React 19: endpoint passed as a JSX prop (React 19 sets it as a
 * property because the element defines it), the token set as a property from a ref callback (React
 * runs refs in the browser only, so a server render never writes it into HTML),
 * `attachment-completed` heard through an `onattachment-completed` prop, and a file uploaded
 * through the stand-in.
 *
 * TSX knows the tag from the typings the package ships (dist/react.d.ts, generated from
 * custom-elements.json), imported as the README shows: no declaration of the tag here.
 */
import { expect } from '@open-wc/testing';
import { type JSX, useState } from 'react';
import { flushSync } from 'react-dom';
import { type Root, createRoot } from 'react-dom/client';
import 'connect-attachment-upload/define.js';
import type {} from 'connect-attachment-upload/react';
import type { AttachmentErrorEvent } from 'connect-attachment-upload';
import { type Chat, expectAttached, fileFor, newChat, until } from './shared.js';

// The shipped typings hand each on<event-name> listener the event's own class (a compile-time check).
type ErrorListener = NonNullable<JSX.IntrinsicElements['connect-attachment-upload']['onattachment-error']>;
const listensToTheClass: [Parameters<ErrorListener>[0]] extends [AttachmentErrorEvent] ? true : false = true;

/** The `attachment-error` events React handed to the listener: none, when all goes well. */
const errors: string[] = [];

function Uploader({ endpoint, token }: { endpoint: string; token: string }) {
  const [sent, setSent] = useState<string[]>([]);
  return (
    <>
      <connect-attachment-upload
        endpoint={endpoint}
        region="us-east-1"
        // The token as a property, in the browser only: a `token` prop would be in server-rendered HTML.
        ref={(el) => {
          if (el) el.token = token;
        }}
        onattachment-completed={(event) => setSent((ids) => [...ids, event.detail.attachmentId])}
        onattachment-error={(event) => errors.push(`${event.detail.stage}: ${event.detail.code}`)}
      />
      <output>{sent.join(',')}</output>
    </>
  );
}

describe('in React 19', () => {
  let container: HTMLElement;
  let root: Root;
  let chat: Chat;

  beforeEach(async () => {
    chat = await newChat();
    container = document.createElement('div');
    document.body.append(container);
    root = createRoot(container);
  });

  afterEach(() => {
    root.unmount();
    container.remove();
  });

  it('takes endpoint as a prop and the token from a ref, and reports the upload through onattachment-completed', async () => {
    // Rendered first without a token, then with one: the ref must follow React's state.
    flushSync(() => root.render(<Uploader endpoint={chat.endpoint} token="" />));
    flushSync(() => root.render(<Uploader endpoint={chat.endpoint} token={chat.token} />));
    const el = container.querySelector('connect-attachment-upload');
    expect(el, 'React rendered the element').to.exist;
    expect(el!.shadowRoot, 'the element is upgraded').to.exist;
    expect(el!.endpoint).to.equal(chat.endpoint);
    expect(el!.region, 'the region reached the property').to.equal('us-east-1');
    expect(el!.token, 'the token reached the property').to.equal(chat.token);
    expect(el!.hasAttribute('token'), 'the token is a property, not an attribute').to.be.false;

    const file = fileFor('react');
    el!.upload([file]);
    const output = container.querySelector('output')!;
    const attachmentId = await until(() => output.textContent || undefined, 'React to render the completed id');
    await expectAttached(chat, attachmentId, file);
    expect(errors, 'attachment-error events').to.deep.equal([]);
    expect(listensToTheClass).to.be.true;
  });
});
