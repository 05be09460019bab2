/**
 * <connect-attachment-upload> inside Vue 3: a single-file component compiled with `isCustomElement`
 * binds `:endpoint`, sets the token as a property from a template ref (never in server-rendered
 * HTML), and listens with `@attachment-completed`; a file is uploaded through the stand-in.
 *
 * The package's Vue typings (dist/vue.d.ts, generated from custom-elements.json) give the tag to
 * Vue's `GlobalComponents`, which is what vue-tsc and Volar check templates against.
 */
import { expect } from '@open-wc/testing';
import { type App, type GlobalComponents, createApp, h, nextTick, reactive } from 'vue';
import 'connect-attachment-upload/define.js';
import type {} from 'connect-attachment-upload/vue';
import { AttachmentErrorEvent } from 'connect-attachment-upload';
import VueUploader from './vue-uploader.vue';
import { type Chat, expectAttached, fileFor, newChat, until } from './shared.js';

// What a template may bind on the tag, by the shipped typings alone (a compile-time check; vue-tsc
// itself checks templates in test/frameworks/checkers): `:max-file-size` is the prop `maxFileSize`
// and `@attachment-error` the listener `onAttachmentError`, as vue-tsc reads them.
type UploadProps = InstanceType<GlobalComponents['connect-attachment-upload']>['$props'];
const bindings: UploadProps = {
  region: 'us-east-1',
  maxFileSize: 1024,
  onAttachmentError: (event) => console.error(event.detail.stage, event.detail.code),
};
type ErrorListener = NonNullable<UploadProps['onAttachmentError']>;
const listensToTheClass: [Parameters<ErrorListener>[0]] extends [AttachmentErrorEvent] ? true : false = true;

describe('in Vue 3', () => {
  let container: HTMLElement;
  let app: App;
  let chat: Chat;
  let warnings: string[];

  beforeEach(async () => {
    chat = await newChat();
    container = document.createElement('div');
    document.body.append(container);
    warnings = [];
  });

  afterEach(() => {
    app.unmount();
    container.remove();
  });

  it('binds endpoint, sets the token from a ref, and hears attachment-completed with @', async () => {
    const props = reactive({ endpoint: chat.endpoint, token: '' });
    app = createApp({ render: () => h(VueUploader, props) });
    // Without `isCustomElement` at compile time Vue looks for a component of that name and warns.
    app.config.warnHandler = (message) => warnings.push(message);
    app.mount(container);

    // The token arrives after mounting: the effect must follow Vue's state.
    props.token = chat.token;
    await nextTick();
    const el = container.querySelector('connect-attachment-upload')!;
    expect(el.shadowRoot, 'the element is upgraded').to.exist;
    expect(el.endpoint).to.equal(chat.endpoint);
    expect(el.token, 'the token reached the property').to.equal(chat.token);
    expect(el.hasAttribute('token'), 'the token is a property, not an attribute').to.be.false;

    const file = fileFor('vue');
    el.upload([file]);
    const output = container.querySelector('output')!;
    const attachmentId = await until(() => output.textContent?.trim() || undefined, 'Vue to render the completed id');
    await expectAttached(chat, attachmentId, file);
    expect(warnings, 'Vue warned').to.deep.equal([]);
  });

  it('hears an event through the listener its typings name (`onAttachmentError` for `@attachment-error`)', () => {
    const heard: string[] = [];
    const props: UploadProps = { ...bindings, onAttachmentError: (event) => heard.push(event.detail.code) };
    app = createApp({ render: () => h('connect-attachment-upload', props) });
    app.mount(container);
    const el = container.querySelector('connect-attachment-upload')!;
    const detail = {
      uploadId: 'u-1',
      file: fileFor('vue'),
      stage: 'upload',
      code: 'network',
      message: 'offline',
      retryable: true,
    } as const;
    el.dispatchEvent(new AttachmentErrorEvent(detail));
    expect(heard, 'the typed listener prop is the listener Vue adds').to.deep.equal(['network']);
    expect(listensToTheClass).to.be.true;
  });
});
