/**
 * What the view's lazy parts (the file items, the list of files not added) take from the element's
 * module instead of importing it: Lit's template functions and the few rules they share with the
 * rest of the view. Imported at run time, a module of the element would make the bundler put it in
 * a chunk both load (or a part load the CDN module a second time); passed in, each part stays one
 * small file of its own that imports nothing.
 */
import { html, nothing, render } from 'lit';
import { formatBytes, formatter } from '../pipeline/format-bytes.js';
import { isBeingScanned, isScanRejected } from '../pipeline/scan-verdict.js';
import { ACTIVE_STATES } from '../pipeline/upload-list.js';
import { displayName } from './format.js';
import { icon } from './icons.js';
import { errorText } from './strings.js';

export const VIEW_KIT = {
  html,
  nothing,
  render,
  icon,
  formatBytes,
  formatter,
  displayName,
  errorText,
  isBeingScanned,
  isScanRejected,
  ACTIVE_STATES,
};

export type ViewKit = typeof VIEW_KIT;
