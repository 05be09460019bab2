import { expect } from '@open-wc/testing';
import { decodeAwsError } from '../../src/api/acps.js';
import { resolveEndpoint } from '../../src/api/endpoint.js';
import { UploadError } from '../../src/api/errors.js';
import { decodeS3Error, headersForPut } from '../../src/api/s3.js';
import { startAttachmentUploadResponse } from '../../src/api/schemas.js';

describe('AWS error decoding', () => {
  it('reads the x-amzn-ErrorType header first and strips its suffix', () => {
    const error = decodeAwsError(
      400,
      'ThrottlingException:http://internal.amazon.com/coral/com.amazonaws.connectparticipant/',
      '{"message":"slow down"}',
    );
    expect(error).to.include({ code: 'throttled', status: 400, awsType: 'ThrottlingException', retryable: true });
    expect(error.message).to.contain('slow down');
  });

  it('falls back on the body code (any casing), then __type with a namespace', () => {
    expect(decodeAwsError(400, null, '{"Code":"ConflictException","Message":"busy"}')).to.include({
      code: 'conflict',
    });
    expect(decodeAwsError(400, null, '{"__type":"com.amazonaws.connectparticipant#ServiceQuotaExceededException"}')).to.include({
      code: 'quota-exceeded',
    });
  });

  it('falls back on the HTTP status when no type is known', () => {
    const cases: Array<[number, string]> = [
      [400, 'validation'],
      [402, 'quota-exceeded'],
      [403, 'access-denied'],
      [409, 'conflict'],
      [429, 'throttled'],
      [503, 'server-error'],
      [404, 'bad-response'],
    ];
    for (const [status, code] of cases) {
      expect(decodeAwsError(status, null, '{"message":"Access denied"}').code, `HTTP ${status}`).to.equal(code);
    }
    expect(decodeAwsError(502, null, '<html>bad gateway</html>').code).to.equal('server-error');
  });
});

describe('S3 PUT headers', () => {
  const signed = {
    'Content-Type': 'text/plain',
    'Content-Length': '9',
    'Content-Disposition': 'attachment; filename="a.txt"',
    'x-amz-acl': 'bucket-owner-full-control',
    'x-amz-meta-contact_id': 'c-1',
  };

  it('keeps every header as given except the forbidden Content-Length', () => {
    expect(headersForPut(signed, 9)).to.deep.equal([
      ['Content-Type', 'text/plain'],
      ['Content-Disposition', 'attachment; filename="a.txt"'],
      ['x-amz-acl', 'bucket-owner-full-control'],
      ['x-amz-meta-contact_id', 'c-1'],
    ]);
  });

  it('refuses before sending when the signed length is not the file size', () => {
    expect(() => headersForPut(signed, 10)).to.throw(UploadError, /9 bytes/);
  });

  it('gives a clear error for values no client may send (a line break would end the header), instead of a TypeError', () => {
    const error = (() => {
      try {
        headersForPut({ 'Content-Disposition': 'attachment; filename="a.pdf"\r\nX-Amz-Acl: public-read' }, 1);
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).to.be.instanceOf(UploadError);
    expect((error as UploadError).code).to.equal('bad-response');
  });
});

describe('S3 error decoding', () => {
  it('tells an expired URL from other refusals, with the S3 code in the message', () => {
    const xml = (code: string, message: string) => `<?xml version="1.0"?><Error><Code>${code}</Code><Message>${message}</Message></Error>`;
    expect(decodeS3Error(403, xml('AccessDenied', 'Request has expired')).code).to.equal('url-expired');
    const rejected = decodeS3Error(403, xml('SignatureDoesNotMatch', 'The signature does not match'));
    expect(rejected).to.include({ code: 'upload-rejected', awsType: 'SignatureDoesNotMatch', retryable: false });
    expect(rejected.message).to.contain('SignatureDoesNotMatch');
    expect(decodeS3Error(503, xml('SlowDown', 'Reduce your request rate'))).to.include({
      code: 'server-error',
      retryable: true,
    });
  });
});

describe('endpoints', () => {
  it('derives the standard endpoint from the region', () => {
    expect(resolveEndpoint(undefined, 'eu-west-2')).to.equal('https://participant.connect.eu-west-2.amazonaws.com');
  });

  it('accepts https anywhere and http only on loopback', () => {
    expect(resolveEndpoint('https://example.com/', undefined)).to.equal('https://example.com');
    expect(resolveEndpoint('http://127.0.0.1:9000', undefined)).to.equal('http://127.0.0.1:9000');
    expect(resolveEndpoint('http://localhost:9000', undefined)).to.equal('http://localhost:9000');
    expect(() => resolveEndpoint('http://example.com', undefined)).to.throw(UploadError, /https/);
  });

  it('fails with a config error when neither endpoint nor region is usable', () => {
    for (const [endpoint, region] of [
      [undefined, undefined],
      ['', ''],
      [undefined, 'Mars'],
    ] as const) {
      try {
        resolveEndpoint(endpoint, region);
        expect.fail('should have thrown');
      } catch (error) {
        expect((error as UploadError).code).to.equal('config');
      }
    }
  });
});

describe('StartAttachmentUpload response schema', () => {
  const answer = (headers: unknown) => ({
    AttachmentId: 'a-1',
    UploadMetadata: { Url: 'https://bucket.s3.amazonaws.com/k', UrlExpiry: '2026-11-29T20:00:00Z', HeadersToInclude: headers },
  });

  it('accepts header names of 1 to 128 characters with string values of at most 256', () => {
    const headers = { 'Content-Type': 'image/png', ['x'.repeat(128)]: 'v'.repeat(256) };
    const parsed = startAttachmentUploadResponse.safeParse(answer(headers));
    expect(parsed.success).to.equal(true);
    expect(parsed.data?.UploadMetadata.HeadersToInclude).to.deep.equal(headers);
  });

  for (const [what, headers] of [
    ['a value that is not a string', { 'Content-Length': 42 }],
    ['an empty header name', { '': 'x' }],
    ['a 129-character name', { ['x'.repeat(129)]: 'v' }],
    ['a 257-character value', { 'x-amz-meta-a': 'v'.repeat(257) }],
    ['an array', ['Content-Type']],
    ['null', null],
    ['a string', 'Content-Type: image/png'],
  ] as const) {
    it(`refuses HeadersToInclude with ${what}`, () => {
      const parsed = startAttachmentUploadResponse.safeParse(answer(headers));
      expect(parsed.success, what).to.equal(false);
      expect(parsed.error?.issues[0]?.path.join('.')).to.equal('UploadMetadata.HeadersToInclude');
    });
  }
});
