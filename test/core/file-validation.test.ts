import { expect } from '@open-wc/testing';
import { contentTypeOf } from '../../src/pipeline/file-types.js';
import { allowanceOf } from '../../src/pipeline/allowance.js';
import { checkFile, markFolder, selectFiles } from '../../src/pipeline/validate.js';

const file = (name: string, size: number, type = '') => new File([new Uint8Array(size)], name, { type });

describe('validation', () => {
  it('rejects an empty file', () => {
    expect(checkFile(file('a.txt', 0, 'text/plain'))).to.include({ ok: false, reason: 'empty-file' });
  });

  it("rejects types outside Connect's chat list by default", () => {
    expect(checkFile(file('run.exe', 10, 'application/x-msdownload'))).to.include({ ok: false, reason: 'file-type' });
    expect(checkFile(file('notes.txt', 10, 'text/plain'))).to.deep.equal({ ok: true, contentType: 'text/plain' });
  });

  it('rejects a file with no extension and no type, whatever accept says', () => {
    expect(checkFile(file('README', 10), allowanceOf({ accept: '*' }))).to.include({ ok: false, reason: 'file-type' });
  });

  it('derives the MIME type from the extension when the browser gives none', () => {
    expect(contentTypeOf(file('photo.HEIC', 5))).to.equal('image/heic');
    expect(checkFile(file('scan.rtf', 5))).to.deep.equal({ ok: true, contentType: 'application/rtf' });
  });

  it('honours a custom accept list with extensions, exact and wildcard MIME types', () => {
    const rules = allowanceOf({ accept: '.pdf, image/*' });
    expect(checkFile(file('a.pdf', 1, 'application/pdf'), rules).ok).to.equal(true);
    expect(checkFile(file('a.png', 1, 'image/png'), rules).ok).to.equal(true);
    expect(checkFile(file('a.txt', 1, 'text/plain'), rules).ok).to.equal(false);
  });

  it('rejects files over max-file-size (20 MiB by default) and says both sizes in decimal MB, the limit rounded down', () => {
    const check = checkFile(file('big.pdf', 20 * 1024 * 1024 + 1, 'application/pdf'));
    expect(check).to.include({ ok: false, reason: 'file-too-large' });
    expect(!check.ok && check.message).to.contain('is 21 MB; the limit is 20.9 MB.');
    expect(checkFile(file('ok.pdf', 100, 'application/pdf'), allowanceOf({ maxFileSize: 99 })).ok).to.equal(false);
  });

  it('rejects files beyond max-files in the order given, counting what the list holds', () => {
    const files = [file('1.txt', 1, 'text/plain'), file('2.txt', 1, 'text/plain'), file('3.txt', 1, 'text/plain')];
    const verdicts = selectFiles(files, allowanceOf({ maxFiles: 3, multiple: true }, 1), 1);
    expect(verdicts.map((v) => [v.file.name, v.ok ? v.contentType : v.reason])).to.deep.equal([
      ['1.txt', 'text/plain'],
      ['2.txt', 'text/plain'],
      ['3.txt', 'too-many-files'],
    ]);
  });

  it('judges the same File given twice twice, in order, against the count', () => {
    const one = file('same.txt', 1, 'text/plain');
    const verdicts = selectFiles([one, file('bad.exe', 1, ''), one], allowanceOf({ maxFiles: 1, multiple: true }));
    expect(verdicts.map((v) => [v.file.name, v.ok ? 'ok' : v.reason])).to.deep.equal([
      ['same.txt', 'ok'],
      ['bad.exe', 'file-type'],
      ['same.txt', 'too-many-files'],
    ]);
  });

  it('asks whether a dropped file is a folder only while the list has room (WebKit answers slowly)', () => {
    const asked: string[] = [];
    const files = ['folder.png', 'a.txt', 'b.txt'].map((name) => {
      const dropped = file(name, 1, name.endsWith('.png') ? 'image/png' : 'text/plain');
      markFolder(dropped, () => (asked.push(name), name === 'folder.png'));
      return dropped;
    });
    const verdicts = selectFiles(files, allowanceOf({ maxFiles: 1, multiple: true }));
    expect(verdicts.map((v) => v.ok || v.reason)).to.deep.equal(['folder', true, 'too-many-files']);
    expect(asked).to.deep.equal(['folder.png', 'a.txt']);
  });
});
