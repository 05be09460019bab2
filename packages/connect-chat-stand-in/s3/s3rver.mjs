// @ts-check
// The fake S3 (s3rver, which really verifies SigV4) plus the SDK calls the stand-in makes against it.

import { createHash } from 'node:crypto';
import { Agent } from 'node:http';
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { S3Client, PutObjectCommand, GetObjectCommand, HeadObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';

// The SDK checks this when a client is constructed (not at import), so setting it here is in time.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

export const BUCKET = 'attachments';
export const REGION = 'us-east-1';
/**
 * s3rver only knows this one key pair (lib/models/account.js). A fresh object each time:
 * the SDK writes into the credentials it is given.
 * @returns {{ accessKeyId: string, secretAccessKey: string }}
 */
export const s3Credentials = () => ({ accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' });

/**
 * @param {string} accessKeyId
 * @returns {string | undefined} the secret of the one key pair s3rver knows
 */
export function secretFor(accessKeyId) {
  const { accessKeyId: id, secretAccessKey } = s3Credentials();
  return accessKeyId === id ? secretAccessKey : undefined;
}

const CORS_CONFIG = `<?xml version="1.0" encoding="UTF-8"?>
<CORSConfiguration>
  <CORSRule>
    <AllowedOrigin>*</AllowedOrigin>
    <AllowedMethod>PUT</AllowedMethod>
    <AllowedMethod>GET</AllowedMethod>
    <AllowedMethod>HEAD</AllowedMethod>
    <AllowedHeader>*</AllowedHeader>
    <ExposeHeader>ETag</ExposeHeader>
    <MaxAgeSeconds>600</MaxAgeSeconds>
  </CORSRule>
</CORSConfiguration>`;

/**
 * The slice of s3rver's (untyped) API used here.
 * @typedef {object} S3rverInstance
 * @property {() => Promise<import('node:net').AddressInfo>} run
 * @property {() => Promise<void>} close
 * @property {import('node:http').Server} [httpServer]
 */
/**
 * @typedef {new (options: {
 *   address: string, port: number, silent: boolean, directory: string, resetOnClose: boolean,
 *   vhostBuckets: boolean, configureBuckets: { name: string, configs: string[] }[],
 * }) => S3rverInstance} S3rverConstructor
 */

const require = createRequire(import.meta.url);
/** @type {S3rverConstructor} */
const S3rver = require('@20minutes/s3rver');

/**
 * Starts s3rver on a loopback port with the attachments bucket and its CORS rule.
 * @param {{ host: string, directory: string }} options
 * @returns {Promise<{ port: number, close: () => Promise<void>, emptyBucket: () => Promise<void> }>}
 */
export async function startS3rver({ host, directory }) {
  const server = new S3rver({
    address: host,
    port: 0,
    silent: true,
    directory,
    // The fork's resetOnClose uses the deprecated fs.rmdir(recursive); the caller removes the dir.
    resetOnClose: false,
    // Requests arrive with the proxy's Host header; never read it as a bucket name.
    vhostBuckets: false,
    configureBuckets: [{ name: BUCKET, configs: [CORS_CONFIG] }],
  });
  const address = await server.run();
  return {
    port: address.port,
    // Through the filesystem: s3rver cannot verify the SDK's ListObjects signatures (it drops the
    // bucket path's trailing slash), and its own reset() would drop the bucket's CORS config too.
    // Objects live in <directory>/<bucket>/<key>; bucket settings are top-level ._S3rver_* files.
    emptyBucket: async () => {
      const bucketDir = join(directory, BUCKET);
      const entries = await readdir(bucketDir, { withFileTypes: true });
      await Promise.all(
        entries
          .filter((e) => e.isDirectory() || !e.name.startsWith('._S3rver_'))
          .map((e) => rm(join(bucketDir, e.name), { recursive: true, force: true })),
      );
    },
    close: async () => {
      server.httpServer?.closeAllConnections();
      await server.close();
    },
  };
}

/**
 * @typedef {object} PutUrlParams
 * @property {string} key
 * @property {string} contentType
 * @property {number} size
 * @property {string} contentDisposition
 * @property {Record<string, string>} metadata Sent as x-amz-meta-* headers.
 * @property {number} expiresInSeconds
 * @property {Date} signingDate
 */

/**
 * SDK access to the bucket: pre-signing (URLs point at the proxy) and direct reads (bypass it).
 * @param {{ directEndpoint: string, proxyEndpoint: string }} endpoints
 */
export function createS3Access({ directEndpoint, proxyEndpoint }) {
  const common = () => ({
    region: REGION,
    credentials: s3Credentials(),
    forcePathStyle: true,
    // SDKs >= 3.729 would otherwise sign a CRC32 of an empty body into PUT URLs.
    requestChecksumCalculation: /** @type {const} */ ('WHEN_REQUIRED'),
    responseChecksumValidation: /** @type {const} */ ('WHEN_REQUIRED'),
  });
  const presignClient = new S3Client({ ...common(), endpoint: proxyEndpoint });
  // Reads (HeadObject, GetObject) are safe to repeat: a reset connection to s3rver must not fail a
  // state read. A fresh connection per read: a kept-alive socket that s3rver closes just as a read
  // goes out on it fails with ECONNRESET (seen under load), and the SDK does not always retry that.
  const directClient = new S3Client({
    ...common(),
    endpoint: directEndpoint,
    maxAttempts: 3,
    requestHandler: { httpAgent: new Agent({ keepAlive: false }) },
  });

  return {
    /**
     * Signs the headers Connect returns in HeadersToInclude as headers, not query parameters,
     * so a client that leaves one out (or changes it) gets SignatureDoesNotMatch.
     * @param {PutUrlParams} p
     * @returns {Promise<string>}
     */
    async presignPut(p) {
      const command = new PutObjectCommand({
        Bucket: BUCKET,
        Key: p.key,
        ContentType: p.contentType,
        ContentLength: p.size,
        ContentDisposition: p.contentDisposition,
        ACL: 'bucket-owner-full-control',
        Metadata: p.metadata,
      });
      const metaHeaders = Object.keys(p.metadata).map((k) => `x-amz-meta-${k.toLowerCase()}`);
      return getSignedUrl(presignClient, command, {
        expiresIn: p.expiresInSeconds,
        signingDate: p.signingDate,
        // The presigner marks content-type unsignable by default; Connect signs it.
        signableHeaders: new Set(['content-type', 'content-length', 'content-disposition']),
        unhoistableHeaders: new Set(['x-amz-acl', ...metaHeaders]),
      });
    },

    /**
     * @param {string} key
     * @param {number} expiresInSeconds
     * @param {Date} signingDate
     * @returns {Promise<string>}
     */
    async presignGet(key, expiresInSeconds, signingDate) {
      return getSignedUrl(presignClient, new GetObjectCommand({ Bucket: BUCKET, Key: key }), {
        expiresIn: expiresInSeconds,
        signingDate,
      });
    },

    /**
     * @param {string} key
     * @returns {Promise<{ size: number } | null>} null when the object does not exist
     */
    async head(key) {
      return afterResets(async () => {
        try {
          const out = await directClient.send(new HeadObjectCommand({ Bucket: BUCKET, Key: key }));
          return { size: out.ContentLength ?? 0 };
        } catch (err) {
          if (isNotFound(err)) return null;
          throw err;
        }
      });
    },

    /**
     * @param {string} key
     * @returns {Promise<{ size: number, sha256: string } | null>}
     */
    async digest(key) {
      // The body is read inside the retry: a reset can also come while it streams.
      return afterResets(async () => {
        try {
          const out = await directClient.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
          const hash = createHash('sha256');
          let size = 0;
          const body = /** @type {AsyncIterable<Uint8Array> | undefined} */ (/** @type {unknown} */ (out.Body));
          if (body) {
            for await (const chunk of body) {
              hash.update(chunk);
              size += chunk.length;
            }
          }
          return { size, sha256: hash.digest('hex') };
        } catch (err) {
          if (isNotFound(err)) return null;
          throw err;
        }
      });
    },

    destroy() {
      presignClient.destroy();
      directClient.destroy();
    },
  };
}

/** @typedef {ReturnType<typeof createS3Access>} S3Access */

const RESET_CODES = new Set(['ECONNRESET', 'EPIPE', 'ECONNREFUSED']);

/**
 * Runs a read of the stand-in's own bucket again (three tries in all) when its connection to
 * s3rver was reset: the read is idempotent, and a state read must not fail for the socket's sake.
 * @template T
 * @param {() => Promise<T>} read
 * @returns {Promise<T>}
 */
export async function afterResets(read) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await read();
    } catch (err) {
      const code = /** @type {{ code?: string }} */ (err)?.code;
      const reset = RESET_CODES.has(code ?? '') || /socket hang up/i.test(String(/** @type {Error} */ (err)?.message));
      if (!reset || attempt >= 3) throw err;
      await new Promise((resolve) => setTimeout(resolve, 20 * attempt));
    }
  }
}

/**
 * @param {unknown} err
 * @returns {boolean}
 */
function isNotFound(err) {
  if (typeof err !== 'object' || err === null) return false;
  const e = /** @type {{ name?: string, $metadata?: { httpStatusCode?: number } }} */ (err);
  return e.name === 'NoSuchKey' || e.name === 'NotFound' || e.$metadata?.httpStatusCode === 404;
}
