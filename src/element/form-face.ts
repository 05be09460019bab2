/**
 * The element's face to a form: its value (the AttachmentIds of the files sent, in list order, one
 * entry each under `name`), its validity (`required`; not ready while files upload), whether an
 * enclosing fieldset or form disables it, and its custom states. Works through ElementInternals
 * where it has these methods; happy-dom has no attachInternals and jsdom's internals have no form
 * methods: there the element has no form value and no validity, and everything else works.
 */
import type { AttachmentUploader } from '../pipeline/uploader.js';
import type { UploadInfo } from '../pipeline/upload-list.js';
import { isSent } from '../pipeline/scan-verdict.js';
import type { Words } from './strings.js';

export interface FormHost extends HTMLElement {
  name: string | undefined;
  required: boolean;
}

export class FormFace {
  readonly internals: Partial<ElementInternals>;
  readonly #host: FormHost;
  #formDisabled = false;
  /** The files sent (and not rejected by the scan), whose AttachmentIds, in list order, are the form value. */
  readonly #sent = new Set<string>();
  #ids: readonly string[] = [];
  /** What the form was last given: set again only when one of these changed. */
  #given: readonly unknown[] | undefined;

  constructor(host: FormHost) {
    this.#host = host;
    this.internals = host.attachInternals?.() ?? {};
  }

  get form(): HTMLFormElement | null {
    return this.internals.form ?? null;
  }

  /**
   * An enclosing fieldset or form disables the element. The browser also reports the element's own
   * `disabled` attribute through formDisabledCallback, and that attribute follows the property only
   * at the next render: while the element has it, the property decides.
   */
  get disabled(): boolean {
    return this.#formDisabled && !this.#host.hasAttribute('disabled');
  }

  /** formDisabledCallback's news. */
  set disabled(disabled: boolean) {
    this.#formDisabled = disabled;
  }

  /**
   * Notes which of the `changed` files (or all) are sent now; `onSent` is told of each sent one.
   * The ids are listed again only when a file joined or left the sent ones: progress ticks (most
   * changes) never get that far.
   */
  track(changed: 'all' | Iterable<string>, uploader: AttachmentUploader, onSent: (upload: UploadInfo) => void): void {
    let toggled = changed === 'all';
    const note = (uploadId: string, upload: UploadInfo | undefined) => {
      const sent = !!upload && isSent(upload);
      if (sent) onSent(upload);
      if (sent === this.#sent.has(uploadId)) return;
      toggled = true;
      if (sent) this.#sent.add(uploadId);
      else this.#sent.delete(uploadId);
    };
    if (changed === 'all') {
      this.#sent.clear();
      for (const upload of uploader.uploads) note(upload.uploadId, upload);
    } else {
      for (const uploadId of changed) note(uploadId, uploader.getUpload(uploadId));
    }
    if (toggled)
      this.#ids = uploader.uploads.filter((upload) => this.#sent.has(upload.uploadId)).map((upload) => upload.attachmentId as string);
  }

  /**
   * Gives the form the value and validity of now: not ready while files upload (`states.uploading`
   * says why), missing (`prompt`) when required and nothing was sent. `anchor` is where the browser
   * points at a problem.
   */
  update(running: boolean, s: Words, anchor: HTMLElement | undefined): void {
    const { internals } = this;
    const ids = this.#ids;
    const name = this.#host.name?.trim() || undefined;
    const required = this.#host.required;
    const given = [ids, running, name, required, s];
    // Progress ticks change none of this: skip the FormData and validity work unless something did.
    if (this.#given?.every((value, i) => value === given[i])) return;
    this.#given = given;
    let data: FormData | null = null;
    if (name) {
      data = new FormData();
      for (const id of ids) data.append(name, id);
    }
    internals.setFormValue?.(data);
    if (running) internals.setValidity?.({ customError: true }, s.states.uploading, anchor);
    else if (required && ids.length === 0) internals.setValidity?.({ valueMissing: true }, s.prompt, anchor);
    else internals.setValidity?.({});
  }

  /**
   * Shows `states` as custom states (`:state(uploading)`), each set again at every update: WebKit
   * (WebKitGTK in the suite) does not restyle for a state that is only deleted, so the adds are
   * what bring a deletion to the screen there. Chromium restyles on every add, even of a state already there; the styles keep
   * that cheap by giving `:state()` rules few subjects (see `waiting-words`).
   */
  show(states: Record<string, boolean>): void {
    const set = this.internals.states as Set<string> | undefined;
    if (!set) return;
    for (const [state, on] of Object.entries(states)) {
      try {
        if (on) set.add(state);
        else set.delete(state);
      } catch {
        // Browsers that only know the older `--state` syntax: the parts and attributes still work.
      }
    }
  }
}
