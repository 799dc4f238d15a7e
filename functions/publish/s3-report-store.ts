import {
  DeleteObjectsCommand,
  GetObjectCommand,
  NoSuchKey,
  paginateListObjectsV2,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { checkKey, ReportStoreError, type ReportStore } from './report-store.ts';

export interface S3ReportStoreOptions {
  bucket: string;
  /** Key prefix inside the bucket ("" or e.g. "pmpulse"); a trailing slash is added when missing. */
  prefix?: string;
  /** An S3-compatible endpoint (a local server); real S3 needs none. */
  endpoint?: string;
  region?: string;
  /** Only for S3-compatible servers with fixed keys; in AWS the default credential chain applies. */
  credentials?: { accessKeyId: string; secretAccessKey: string };
  /** A ready client, e.g. shared by the caller; the other connection options are then ignored. */
  client?: S3Client;
  /** Keys per ListObjectsV2 page; S3 caps it at 1000, its default. */
  listPageSize?: number;
}

/** DeleteObjects takes at most this many keys per request. */
const DELETE_BATCH = 1000;

export function createS3Client(options: S3ReportStoreOptions): S3Client {
  return new S3Client({
    region: options.region ?? (options.endpoint ? 'us-east-1' : undefined),
    ...(options.credentials ? { credentials: options.credentials } : {}),
    ...(options.endpoint
      ? {
          endpoint: options.endpoint,
          // S3-compatible servers address buckets by path and do not speak the newer default checksums.
          forcePathStyle: true,
          requestChecksumCalculation: 'WHEN_REQUIRED' as const,
          responseChecksumValidation: 'WHEN_REQUIRED' as const,
        }
      : {}),
  });
}

const isMissing = (error: unknown): boolean =>
  error instanceof NoSuchKey || (error instanceof S3ServiceException && error.$metadata.httpStatusCode === 404);

export function createS3ReportStore(options: S3ReportStoreOptions): ReportStore {
  const client = options.client ?? createS3Client(options);
  const { bucket } = options;
  const prefix = options.prefix && !options.prefix.endsWith('/') ? `${options.prefix}/` : (options.prefix ?? '');
  const name = `s3://${bucket}/${prefix}`;
  const objectKey = (key: string): string => `${prefix}${checkKey(name, key)}`;
  const fail = (key: string, action: string, error: unknown): ReportStoreError =>
    new ReportStoreError(name, key, `cannot ${action}: ${(error as Error).message}`, { cause: error });

  return {
    async putJson(key, value) {
      const body = JSON.stringify(value, null, 2);
      try {
        await client.send(new PutObjectCommand({ Bucket: bucket, Key: objectKey(key), Body: body, ContentType: 'application/json' }));
      } catch (error) {
        throw fail(key, 'write', error);
      }
    },
    async getJson<T = unknown>(key: string) {
      let text: string;
      try {
        const response = await client.send(new GetObjectCommand({ Bucket: bucket, Key: objectKey(key) }));
        text = (await response.Body?.transformToString('utf-8')) ?? '';
      } catch (error) {
        if (isMissing(error)) return undefined;
        throw fail(key, 'read', error);
      }
      try {
        return JSON.parse(text) as T;
      } catch (error) {
        throw new ReportStoreError(name, key, 'not valid JSON', { cause: error });
      }
    },
    async list(listPrefix) {
      const keys: string[] = [];
      try {
        const paginator = { client, pageSize: options.listPageSize ?? 1000 };
        const pages = paginateListObjectsV2(paginator, { Bucket: bucket, Prefix: `${prefix}${listPrefix}` });
        for await (const page of pages) {
          for (const object of page.Contents ?? []) if (object.Key) keys.push(object.Key.slice(prefix.length));
        }
      } catch (error) {
        throw fail(listPrefix, 'list', error);
      }
      return keys.sort();
    },
    async delete(keys) {
      for (let start = 0; start < keys.length; start += DELETE_BATCH) {
        const batch = keys.slice(start, start + DELETE_BATCH).map((key) => ({ Key: objectKey(key) }));
        try {
          const response = await client.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: batch, Quiet: true } }));
          const failed = response.Errors?.[0];
          if (failed) throw new Error(`${failed.Key ?? '?'}: ${failed.Code ?? ''} ${failed.Message ?? ''}`.trim());
        } catch (error) {
          throw fail(batch[0]?.Key ?? '', 'delete', error);
        }
      }
    },
    describe: () => name,
  };
}
