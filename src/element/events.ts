/**
 * The element fires the uploader's attachment-* events again on itself; this declares them in
 * `HTMLElementEventMap`, so `el.addEventListener('attachment-completed', …)` is typed.
 */
import {
  AttachmentAbortEvent,
  AttachmentCompletedEvent,
  AttachmentErrorEvent,
  AttachmentProgressEvent,
  AttachmentRejectEvent,
  AttachmentRetryEvent,
  AttachmentSelectEvent,
  AttachmentStartedEvent,
  AttachmentUploadedEvent,
} from '../pipeline/events.js';

declare global {
  interface HTMLElementEventMap {
    [AttachmentSelectEvent.type]: AttachmentSelectEvent;
    [AttachmentRejectEvent.type]: AttachmentRejectEvent;
    [AttachmentStartedEvent.type]: AttachmentStartedEvent;
    [AttachmentProgressEvent.type]: AttachmentProgressEvent;
    [AttachmentUploadedEvent.type]: AttachmentUploadedEvent;
    [AttachmentCompletedEvent.type]: AttachmentCompletedEvent;
    [AttachmentRetryEvent.type]: AttachmentRetryEvent;
    [AttachmentErrorEvent.type]: AttachmentErrorEvent;
    [AttachmentAbortEvent.type]: AttachmentAbortEvent;
  }
}
