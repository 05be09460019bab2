/**
 * What is allowed now, as the headless uploader answers it (`allowed`): the page's settings
 * narrowed by the instance's rules and read at each use, off while disabled or turned off, and the
 * room left in the list.
 */
import { expect } from '@open-wc/testing';
import { AttachmentUploader } from '../../src/index.js';
import { makeFile } from '../helpers/stand-in.js';

describe('AttachmentUploader allowed', () => {
  const pdf = (name = 'a.pdf') => [name, 'application/pdf'] as const;

  it("answers with the page's settings narrowed by the instance's rules, read at each use", () => {
    const settings: ConstructorParameters<typeof AttachmentUploader>[0] = { accept: '.pdf,.png,image/*', maxFileSize: 5_000_000 };
    const uploader = new AttachmentUploader(settings);
    expect(uploader.allowed).to.include({ enabled: true, maxFileSize: 5_000_000, accept: '.pdf,.png,image/*' });
    expect(uploader.allowed.accepts('cat.jpg', 'image/jpeg')).to.equal(true);

    settings.attachmentRules = { AllowedExtensions: ['PDF', '.png'], MaximumSizeLimitInBytes: 10_000 };
    const allowed = uploader.allowed;
    expect(allowed).to.include({ maxFileSize: 10_000, accept: '.pdf,.png' }, 'lowered, never raised');
    expect(allowed.accepts(...pdf())).to.equal(true);
    expect(allowed.accepts('cat.jpg', 'image/jpeg')).to.equal(false, 'the instance does not take JPEGs');
    expect(allowed.accepts('tool.pdf', 'application/x-msdownload')).to.equal(false, 'a program named .pdf is not a PDF');

    settings.attachmentRules = { MaximumSizeLimitInBytes: 90_000_000 };
    expect(uploader.allowed.maxFileSize).to.equal(5_000_000, "an instance limit above the page's changes nothing");
  });

  it('is off while disabled or when attachments are turned off', () => {
    const settings: ConstructorParameters<typeof AttachmentUploader>[0] = {};
    const uploader = new AttachmentUploader(settings);
    expect(uploader.allowed.enabled).to.equal(true);
    settings.disabled = true;
    expect(uploader.allowed.enabled).to.equal(false);
    settings.disabled = false;
    settings.featurePermissions = { ATTACHMENTS: false };
    expect(uploader.allowed.enabled).to.equal(false);
    settings.featurePermissions = { ATTACHMENTS: true };
    expect(uploader.allowed.enabled).to.equal(true);
  });

  it('counts the room left in the list: one at a time without multiple, maxFiles with it, failed and cancelled files not counted', () => {
    const settings: ConstructorParameters<typeof AttachmentUploader>[0] = { token: 't', endpoint: 'http://localhost:1', manual: true };
    const uploader = new AttachmentUploader(settings);
    expect(uploader.allowed.room).to.equal(1, 'one file at a time without multiple');
    settings.multiple = true;
    expect(uploader.allowed.room).to.equal(Infinity);
    settings.maxFiles = 3;
    const [first] = uploader.upload([makeFile('1.txt', 10), makeFile('2.txt', 10)]);
    expect(uploader.allowed.room).to.equal(1);
    uploader.cancel(first);
    expect(uploader.allowed.room).to.equal(2, 'a cancelled file takes no room');
    uploader.upload([makeFile('3.txt', 10), makeFile('4.txt', 10), makeFile('5.txt', 10)]);
    expect(uploader.allowed.room).to.equal(0);
    expect(uploader.uploads.map((upload) => upload.file.name)).to.deep.equal(['1.txt', '2.txt', '3.txt', '4.txt']);
  });
});
