/**
 * What Connect's scan verdict (the `Status` of an attachment's chat message) means for a file: the
 * one place both the uploader and the element ask. Without a chat session no verdict comes, and a
 * sent file is simply sent. No DOM.
 */
import type { AttachmentScanStatus, UploadInfo } from './upload-list.js';

type Scanned = Pick<UploadInfo, 'state' | 'scanStatus'>;

/** The verdicts a chat item can carry; anything else is read as REJECTED. */
export const SCAN_VERDICTS: readonly AttachmentScanStatus[] = ['IN_PROGRESS', 'APPROVED', 'REJECTED'];

/** Sent, and not rejected by the scan: in the chat, and its AttachmentId in the form value. */
export const isSent = (upload: Scanned): boolean => upload.state === 'done' && upload.scanStatus !== 'REJECTED';

/** Sent, and the scan said it is still looking: not yet to be taken off the list. */
export const isBeingScanned = (upload: Scanned): boolean => upload.state === 'done' && upload.scanStatus === 'IN_PROGRESS';

/** Rejected by the scan. */
export const isScanRejected = (upload: Scanned): boolean => upload.scanStatus === 'REJECTED';

/** Sent and safe to open: approved, or sent with no verdict when none will come (`verdictsCome` false: no chat session). */
export const isOpenable = (upload: Scanned, verdictsCome: boolean): boolean =>
  upload.state === 'done' && (upload.scanStatus === 'APPROVED' || (!verdictsCome && upload.scanStatus === undefined));

/** Started (or sent) and still without a final verdict: a chat item that names no attachment can be about it. */
export const awaitsVerdict = (upload: Scanned & Pick<UploadInfo, 'attachmentId'>): boolean =>
  upload.attachmentId !== undefined &&
  (upload.state === 'done' || upload.state === 'finalizing') &&
  upload.scanStatus !== 'APPROVED' &&
  upload.scanStatus !== 'REJECTED';
