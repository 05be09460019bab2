/**
 * Every word the element shows or announces, in one overridable object (the `strings` property),
 * including the words for each error code and rejection reason.
 */
import type { ErrorCode } from '../api/errors.js';
import type { RejectReason } from '../pipeline/validate.js';

export interface UploadStrings {
  prompt: string;
  choose: string;
  start: string;
  listLabel: string;
  dropHere: string;
  states: {
    queued: string;
    starting: string;
    uploading: string;
    finalizing: string;
    done: string;
    failed: string;
    cancelled: string;
  };
  cancel: (name: string) => string;
  retry: (name: string) => string;
  remove: (name: string) => string;
  progressLabel: (name: string) => string;
  announceCompleted: (name: string) => string;
  announceFailed: (name: string, reason: string) => string;
  announceRejected: (name: string, reason: string) => string;
  announceManyRejected: (count: number) => string;
  errors: Record<ErrorCode, string>;
  rejections: Record<RejectReason, string>;
}

export const DEFAULT_STRINGS: UploadStrings = {
  prompt: 'Drag files here, or',
  choose: 'Choose files',
  start: 'Upload',
  listLabel: 'Attachments',
  dropHere: 'Drop to attach',
  states: {
    queued: 'Waiting',
    starting: 'Starting…',
    uploading: 'Uploading',
    finalizing: 'Finishing…',
    done: 'Sent',
    failed: 'Failed',
    cancelled: 'Cancelled',
  },
  cancel: (name) => `Cancel ${name}`,
  retry: (name) => `Retry ${name}`,
  remove: (name) => `Remove ${name}`,
  progressLabel: (name) => `Upload progress of ${name}`,
  announceCompleted: (name) => `${name} was attached.`,
  announceFailed: (name, reason) => `${name} could not be attached. ${reason}`,
  announceRejected: (name, reason) => `${name} was not added. ${reason}`,
  announceManyRejected: (count) => `${count} files were not added.`,
  errors: {
    'access-denied': 'The chat session has ended or expired.',
    validation: 'Amazon Connect refused this file.',
    'quota-exceeded': 'This chat has reached its attachment limit.',
    conflict: 'This file is already being attached.',
    throttled: 'Too many requests right now. Try again in a moment.',
    'server-error': 'The service had a problem. Try again.',
    network: 'The connection failed. Check your network and try again.',
    timeout: 'The upload took too long. Try again.',
    'url-expired': 'The upload link expired. Try again.',
    'upload-rejected': 'The file storage refused the upload.',
    'bad-response': 'The service sent an answer this uploader cannot read.',
    config: 'Attachments are not set up on this page.',
  },
  rejections: {
    'file-too-large': 'The file is too large.',
    'file-type': 'This type of file cannot be attached.',
    'empty-file': 'The file is empty.',
    'too-many-files': 'Too many files.',
  },
};
