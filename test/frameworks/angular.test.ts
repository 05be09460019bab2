/**
 * <connect-attachment-upload> inside Angular (JIT, zoneless, standalone component):
 * CUSTOM_ELEMENTS_SCHEMA lets the template use the tag, `[endpoint]` and `[token]` bind properties
 * (a property binding is never written into server-rendered HTML, unlike an attribute),
 * `(attachment-completed)` listens, and a file is uploaded through the stand-in.
 *
 * The element is defined only after Angular rendered, as when the CDN script loads late. That is
 * also what makes the schema matter in JIT: Angular checks it for tags not registered yet (an AOT
 * build checks it always), and the properties it set before the upgrade must reach the element.
 */
// JIT: the component's template is compiled in the browser, so no Angular CLI build is needed.
import '@angular/compiler';
import { expect } from '@open-wc/testing';
import { type ApplicationRef, CUSTOM_ELEMENTS_SCHEMA, Component, provideZonelessChangeDetection, signal } from '@angular/core';
import { bootstrapApplication } from '@angular/platform-browser';
import type { AttachmentCompletedEvent } from 'connect-attachment-upload';
import { type Chat, expectAttached, fileFor, newChat, until } from './shared.js';

@Component({
  selector: 'upload-host',
  schemas: [CUSTOM_ELEMENTS_SCHEMA],

  template: `
    <connect-attachment-upload
      [endpoint]="endpoint()"
      [token]="token()"
      (attachment-completed)="onCompleted($event)"
    ></connect-attachment-upload>
    <output>{{ sent().join(',') }}</output>
  `,
})
class UploadHost {
  readonly endpoint = signal('');
  readonly token = signal('');
  readonly sent = signal<string[]>([]);

  onCompleted(event: AttachmentCompletedEvent): void {
    this.sent.update((ids) => [...ids, event.detail.attachmentId]);
  }
}

describe('in Angular', () => {
  let host: HTMLElement;
  let appRef: ApplicationRef;
  let chat: Chat;
  let errors: unknown[][];
  let consoleError: typeof console.error;

  beforeEach(async () => {
    chat = await newChat();
    host = document.createElement('upload-host');
    document.body.append(host);
    // Angular reports an unknown element or property (a missing schema) on console.error.
    errors = [];
    consoleError = console.error;
    console.error = (...args: unknown[]) => errors.push(args);
  });

  afterEach(() => {
    console.error = consoleError;
    appRef?.destroy();
    host.remove();
  });

  it('binds [endpoint] and [token] and hears (attachment-completed)', async () => {
    appRef = await bootstrapApplication(UploadHost, { providers: [provideZonelessChangeDetection()] });
    const component = appRef.components[0]!.instance as UploadHost;
    component.endpoint.set(chat.endpoint);
    component.token.set(chat.token);
    await appRef.whenStable();
    const el = host.querySelector('connect-attachment-upload')!;
    expect(customElements.get('connect-attachment-upload'), 'not defined before Angular rendered').to.be.undefined;

    await import('connect-attachment-upload/define.js');
    expect(el.shadowRoot, 'the element is upgraded').to.exist;
    expect(el.endpoint).to.equal(chat.endpoint);
    expect(el.token, 'the token reached the property').to.equal(chat.token);
    expect(el.hasAttribute('token'), 'Angular set the token as a property, not an attribute').to.be.false;

    const file = fileFor('angular');
    el.upload([file]);
    const output = host.querySelector('output')!;
    const attachmentId = await until(() => output.textContent?.trim() || undefined, 'Angular to render the completed id');
    await expectAttached(chat, attachmentId, file);
    expect(
      errors.map((args) => args.map(String).join(' ')),
      'Angular logged errors',
    ).to.deep.equal([]);
  });
});
