/**
 * Compile-only checks of the published types (dist/*.d.ts, resolved through package.json `exports`
 * as an app's compiler resolves them). Nothing here runs: a drift between an event's name, its class
 * and the event map is a compile error. `npm test` compiles this after the build
 * (`tsc -p test/types`); event-names.test.ts checks the same names at run time.
 */
import 'connect-attachment-upload/define.js';
import {
  ATTACHMENT_EVENT_TYPES,
  AttachmentAbortEvent,
  AttachmentCompletedEvent,
  AttachmentConvertedEvent,
  AttachmentErrorEvent,
  AttachmentProgressEvent,
  AttachmentRejectEvent,
  AttachmentRetryEvent,
  AttachmentSelectEvent,
  AttachmentStartedEvent,
  AttachmentUploadedEvent,
  type ConnectAttachmentUpload,
} from 'connect-attachment-upload';
import type { AttachmentEventMap } from 'connect-attachment-upload';
import type { ConnectAttachmentUploadProps } from 'connect-attachment-upload/jsx';
import type { ConnectAttachmentUploadProps as SvelteProps } from 'connect-attachment-upload/svelte';
import type { ConnectAttachmentUploadProps as VueProps } from 'connect-attachment-upload/vue';

/** True only when A and B are the same type (not merely assignable either way). */
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

/** The contract from the README and the manifest: each event's name and the class it arrives as. */
interface Contract {
  'attachment-select': typeof AttachmentSelectEvent;
  'attachment-reject': typeof AttachmentRejectEvent;
  'attachment-converted': typeof AttachmentConvertedEvent;
  'attachment-started': typeof AttachmentStartedEvent;
  'attachment-progress': typeof AttachmentProgressEvent;
  'attachment-uploaded': typeof AttachmentUploadedEvent;
  'attachment-completed': typeof AttachmentCompletedEvent;
  'attachment-retry': typeof AttachmentRetryEvent;
  'attachment-error': typeof AttachmentErrorEvent;
  'attachment-abort': typeof AttachmentAbortEvent;
}
type Name = keyof Contract;

// Each class's runtime name (its static `type`, the string it is dispatched with) is its contract name.
// A `false` here names the event whose class was renamed.
export const runtimeNames: { [N in Name]: Equal<Contract[N]['type'], N> } = {
  'attachment-select': true,
  'attachment-reject': true,
  'attachment-converted': true,
  'attachment-started': true,
  'attachment-progress': true,
  'attachment-uploaded': true,
  'attachment-completed': true,
  'attachment-retry': true,
  'attachment-error': true,
  'attachment-abort': true,
};

// HTMLElementEventMap has an entry for every name, typed as exactly that event's class.
export const eventMap: { [N in Name]: Equal<HTMLElementEventMap[N], InstanceType<Contract[N]>> } = {
  'attachment-select': true,
  'attachment-reject': true,
  'attachment-converted': true,
  'attachment-started': true,
  'attachment-progress': true,
  'attachment-uploaded': true,
  'attachment-completed': true,
  'attachment-retry': true,
  'attachment-error': true,
  'attachment-abort': true,
};

// The exported list of names is exactly the contract's, no more and no fewer.
export const everyName: Equal<(typeof ATTACHMENT_EVENT_TYPES)[number], Name> = true;

// The tag is known to the DOM's typings.
export const tagMap: Equal<HTMLElementTagNameMap['connect-attachment-upload'], ConnectAttachmentUpload> = true;
const created = document.createElement('connect-attachment-upload');
export const createElement: Equal<typeof created, ConnectAttachmentUpload> = true;

// A listener added by name receives the class with its typed detail.
created.addEventListener('attachment-completed', (event) => {
  const isClass: Equal<typeof event, AttachmentCompletedEvent> = true;
  const attachmentId: string = event.detail.attachmentId;
  // @ts-expect-error no event detail carries the token
  const token = event.detail.token;
  return [isClass, attachmentId, token];
});
created.addEventListener('attachment-error', (event) => {
  const code: 'access-denied' | 'config' | (string & {}) = event.detail.code;
  const retryable: boolean = event.detail.retryable;
  return [code, retryable];
});
// The select event is the one a page may cancel.
created.addEventListener('attachment-select', (event) => event.preventDefault());

// The generated JSX typings (dist/jsx.d.ts, which dist/react.d.ts hands to React) have an
// on<event-name> listener for every event, taking exactly that event's class.
type Listeners = { [N in Name as `on${N}`]: (event: InstanceType<Contract[N]>) => void };
export const jsxListeners: { [L in keyof Listeners]: Equal<NonNullable<ConnectAttachmentUploadProps[L]>, Listeners[L]> } = {
  'onattachment-select': true,
  'onattachment-reject': true,
  'onattachment-converted': true,
  'onattachment-started': true,
  'onattachment-progress': true,
  'onattachment-uploaded': true,
  'onattachment-completed': true,
  'onattachment-retry': true,
  'onattachment-error': true,
  'onattachment-abort': true,
};
// and each property of the element, typed as the element types it.
export const jsxProperties: Equal<ConnectAttachmentUploadProps['tokenProvider'], ConnectAttachmentUpload['tokenProvider'] | undefined> =
  true;

// Vue's and Svelte's listeners are exactly the element's event map (src/pipeline/events.ts), each
// typed with its event's class: an event added to the map and missing from a typing (or the other
// way round) is a compile error here. Vue names the listener of `@attachment-error`
// `onAttachmentError`; Svelte takes `onattachment-error` and the older `on:attachment-error`.
type Camel<S extends string> = S extends `${infer Head}-${infer Tail}` ? `${Head}${Capitalize<Camel<Tail>>}` : S;
type EventName = keyof AttachmentEventMap;
type VueListeners = { [N in EventName as `on${Capitalize<Camel<N>>}`]: (event: AttachmentEventMap[N]) => void };
type SvelteListeners = { [N in EventName as `on${N}` | `on:${N}`]: (event: AttachmentEventMap[N]) => void };
type Listener<Props, Key extends PropertyKey> = Key extends keyof Props ? NonNullable<Props[Key]> : 'missing';
export const vueListeners: Equal<{ [L in keyof VueListeners]: Listener<VueProps, L> }, VueListeners> = true;
export const vueNoOtherListener: Equal<Extract<keyof VueProps, `onAttachment${string}`>, keyof VueListeners> = true;
export const svelteListeners: Equal<{ [L in keyof SvelteListeners]: Listener<SvelteProps, L> }, SvelteListeners> = true;
export const svelteNoOtherListener: Equal<Extract<keyof SvelteProps, `on${string}`>, keyof SvelteListeners> = true;
// Read-only properties cannot be set: `never` in Vue (an unknown prop would pass without
// strictTemplates), absent in Svelte and JSX (an unknown attribute is an error there).
export const vueReadOnly: Equal<VueProps['uploads'] | VueProps['form'], undefined> = true;
export const svelteReadOnly: Equal<Extract<keyof SvelteProps, 'uploads' | 'form'>, never> = true;
export const jsxReadOnly: Equal<Extract<keyof ConnectAttachmentUploadProps, 'uploads' | 'form'>, never> = true;
