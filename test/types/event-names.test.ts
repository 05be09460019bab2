/**
 * The run-time half of published.types.ts: each event class is dispatched under the name its static
 * `type` gives (the key HTMLElementEventMap uses), so a constructor that passed another string to
 * `super` would show here. Also the flags the README's event table promises.
 */
import { expect } from '@open-wc/testing';
import * as api from '../../src/index.js';

const detail = { uploadId: 'upload-1', file: new File(['x'], 'x.txt'), attachmentId: 'a-1' } as never;

/** Every exported class whose static `type` names an event. */
const eventClasses = Object.values(api).filter(
  (value): value is typeof api.AttachmentSelectEvent => typeof value === 'function' && 'type' in value && typeof value.type === 'string',
);

/** uploads-changed is the uploader's own: fired on it only, for views, never on the element. */
const isUploaderOnly = (Class: unknown) => Class === api.UploadsChangedEvent;

describe('event names at run time', () => {
  it('exports one class per name in ATTACHMENT_EVENT_TYPES, and the uploader-only uploads-changed', () => {
    const attachmentClasses = eventClasses.filter((Class) => !isUploaderOnly(Class));
    expect(attachmentClasses.map((Class) => Class.type).sort()).to.deep.equal([...api.ATTACHMENT_EVENT_TYPES].sort());
    expect(api.UploadsChangedEvent.type).to.equal('uploads-changed');
    const changed = new api.UploadsChangedEvent({ changed: ['upload-1'] });
    expect(changed.type).to.equal('uploads-changed');
    expect(changed.cancelable, 'nothing to cancel').to.equal(false);
    expect(changed.detail.changed).to.deep.equal(['upload-1']);
  });

  for (const Class of eventClasses.filter((Class) => !isUploaderOnly(Class))) {
    it(`${Class.name} is dispatched as "${Class.type}", bubbles and is composed`, () => {
      const event = new Class(detail);
      expect(event.type, 'the name it is dispatched with').to.equal(Class.type);
      expect(event).to.be.instanceOf(CustomEvent);
      expect(event.bubbles && event.composed, 'bubbles and composed').to.be.true;
      expect(event.cancelable, 'only attachment-select is cancelable').to.equal(Class.type === 'attachment-select');
    });
  }
});
