/**
 * Uploading through `fit-images` and reading back what S3 stored: the checks the fit tests share.
 */
import { expect } from '@open-wc/testing';
import type { ConnectAttachmentUpload } from '../../src/index.js';
import { type Recorded, mount, settled } from './element.js';
import { type StandIn, sha256Hex, storedBytes } from './stand-in.js';

/** The red channel of the pixel at (x, y) of a decoded image. */
export function redAt(bitmap: ImageBitmap, x: number, y: number): [number, number, number] {
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const context = canvas.getContext('2d') as OffscreenCanvasRenderingContext2D;
  context.drawImage(bitmap, 0, 0);
  const [r, g, b] = context.getImageData(x, y, 1, 1).data;
  return [r as number, g as number, b as number];
}

export const ofType = (events: Recorded[], type: string) => events.filter((event) => event.type === type).map((event) => event.detail);

/** Start's request as the stand-in received it, for the attachment. */
export async function startRequestOf(stand: StandIn, attachmentName: string, size: number) {
  const { requests } = await stand.state();
  return requests.filter(
    (request) =>
      request.url.includes('start-attachment-upload') &&
      request.body?.['AttachmentName'] === attachmentName &&
      request.body?.['AttachmentSizeInBytes'] === size,
  );
}

/**
 * Uploads `file` and checks the one stored attachment: under the limit, Start's name, size and type
 * are those of the stored bytes and of `attachment-converted`, and it decodes as an image.
 */
export async function uploadAndCheck(
  configure: (el: ConnectAttachmentUpload) => void,
  file: File,
  limit: number,
): Promise<{ bitmap: ImageBitmap; converted: Record<string, unknown>; events: Recorded[]; el: ConnectAttachmentUpload }> {
  const { el, chat, stand, events } = await mount((el) => {
    el.fitImages = true;
    configure(el);
  });
  el.upload([file]);
  await settled(el, 120_000);
  expect(el.uploads[0]?.state, String(el.uploads[0]?.error?.message)).to.equal('done');
  const [converted, ...more] = ofType(events, 'attachment-converted');
  expect(more).to.have.length(0);
  expect(converted?.['file'], 'the event keeps the original File').to.equal(file);
  expect(converted?.['original']).to.deep.equal({ name: file.name, size: file.size, type: file.type });
  const sent = converted?.['converted'] as { name: string; size: number; type: string };

  const [attachment, ...others] = await stand.attachments(chat.contactId);
  expect(others).to.have.length(0);
  expect(attachment).to.include({ name: sent.name, size: sent.size, contentType: sent.type, status: 'completed' });
  expect(attachment?.size).to.be.at.most(limit);
  expect(attachment?.stored?.size, 'S3 holds the bytes Start announced').to.equal(attachment?.size);
  expect(await startRequestOf(stand, sent.name, sent.size)).to.have.length(1);
  const bytes = await storedBytes(stand, chat, attachment?.attachmentId as string);
  expect(bytes.size).to.equal(sent.size);
  expect(await sha256Hex(bytes)).to.equal(attachment?.stored?.sha256);
  const bitmap = await createImageBitmap(bytes);
  // The list keeps the File given; the sent copy is not kept.
  expect(el.uploads[0]?.file).to.equal(file);
  return { bitmap, converted: converted as Record<string, unknown>, events, el };
}
