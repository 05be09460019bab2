/**
 * <connect-attachment-upload> inside React 19: endpoint and token passed as JSX props (React 19 sets
 * them as properties because the element defines them), `attachment-completed` heard through an
 * `onattachment-completed` prop, and a file uploaded through the stand-in.
 */
import { expect } from '@open-wc/testing';
import { useState } from 'react';
import { flushSync } from 'react-dom';
import { type Root, createRoot } from 'react-dom/client';
import 'connect-attachment-upload/define.js';
import type { AttachmentCompletedEvent, ConnectAttachmentUpload } from 'connect-attachment-upload';
import { type Chat, expectAttached, fileFor, newChat, until } from './shared.js';

// What a React app declares once so TSX knows the tag (the README shows the same).
declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'connect-attachment-upload': React.DetailedHTMLProps<React.HTMLAttributes<ConnectAttachmentUpload>, ConnectAttachmentUpload> & {
        endpoint?: string;
        token?: string;
        multiple?: boolean;
        'onattachment-completed'?: (event: AttachmentCompletedEvent) => void;
      };
    }
  }
}

function Uploader({ endpoint, token }: { endpoint: string; token: string }) {
  const [sent, setSent] = useState<string[]>([]);
  return (
    <>
      <connect-attachment-upload
        endpoint={endpoint}
        token={token}
        onattachment-completed={(event) => setSent((ids) => [...ids, event.detail.attachmentId])}
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

  it('takes endpoint and token as props and reports the upload through onattachment-completed', async () => {
    // Rendered first without a token, then with one: the binding must follow React's state.
    flushSync(() => root.render(<Uploader endpoint={chat.endpoint} token="" />));
    flushSync(() => root.render(<Uploader endpoint={chat.endpoint} token={chat.token} />));
    const el = container.querySelector('connect-attachment-upload');
    expect(el, 'React rendered the element').to.exist;
    expect(el!.shadowRoot, 'the element is upgraded').to.exist;
    expect(el!.endpoint).to.equal(chat.endpoint);
    expect(el!.token, 'the token reached the property').to.equal(chat.token);
    expect(el!.hasAttribute('token'), 'React set the token as a property, not an attribute').to.be.false;

    const file = fileFor('react');
    el!.upload([file]);
    const output = container.querySelector('output')!;
    const attachmentId = await until(() => output.textContent || undefined, 'React to render the completed id');
    await expectAttached(chat, attachmentId, file);
  });
});
