import {
  DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client,
} from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { Readable } from 'node:stream';
import type { S3Settings } from '../config/app-config';
import { MediaStorage, type DirectUploadForm, type DirectUploads, type SignedGet } from './media-storage';

const QUARANTINE = 'quarantine/';

const missing = (e: unknown) => {
  const err = e as { name?: string; $metadata?: { httpStatusCode?: number } };
  return err?.name === 'NoSuchKey' || err?.name === 'NotFound' || err?.$metadata?.httpStatusCode === 404;
};

/**
 * Photos in an S3-compatible object store (path-style by default, as self-hosted servers want), shared by
 * every BFF process. Final photos live at `photos/<aa>/<sha256>` (a PutObject is atomic: no temp files);
 * direct uploads from phones land under `quarantine/<uploader>/…` by presigned POST and are never served:
 * the BFF reads one back, re-encodes it and stores the result under its sha256 (MediaService.completeDirect).
 * Links are presigned GETs signed for the public endpoint (what phones reach), which may differ from the
 * endpoint the BFF itself talks to.
 */
export class S3Storage extends MediaStorage implements DirectUploads {
  readonly client: S3Client;
  private readonly signer: S3Client;

  constructor(readonly settings: S3Settings) {
    super();
    const base = {
      region: settings.region,
      forcePathStyle: settings.forcePathStyle,
      credentials: { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey },
      // Self-hosted stores often do not do the newer CRC checksums; send and check them only where required.
      requestChecksumCalculation: 'WHEN_REQUIRED' as const,
      responseChecksumValidation: 'WHEN_REQUIRED' as const,
    };
    this.client = new S3Client({ ...base, endpoint: settings.endpoint, maxAttempts: 3 });
    this.signer = settings.publicEndpoint === settings.endpoint ? this.client : new S3Client({ ...base, endpoint: settings.publicEndpoint });
  }

  override get direct(): DirectUploads {
    return this;
  }

  private get bucket() {
    return this.settings.bucket;
  }

  static photoKey(sha: string): string {
    return `photos/${sha.slice(0, 2)}/${sha}`;
  }

  async put(sha256: string, bytes: Buffer, mime?: string): Promise<void> {
    await this.client.send(new PutObjectCommand({ Bucket: this.bucket, Key: S3Storage.photoKey(sha256), Body: bytes, ContentType: mime ?? 'application/octet-stream' }));
  }

  async open(sha256: string): Promise<Readable | null> {
    try {
      const r = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: S3Storage.photoKey(sha256) }));
      return r.Body as Readable;
    } catch (e) {
      if (missing(e)) return null;
      throw e;
    }
  }

  async remove(sha256: string, unlessWrittenSince: Date): Promise<boolean> {
    const Key = S3Storage.photoKey(sha256);
    let written: Date | undefined;
    try {
      written = (await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key }))).LastModified;
    } catch (e) {
      if (missing(e)) return false;
      throw e;
    }
    // S3 keeps LastModified to the second: a rewrite within the cutoff's second counts as a rewrite.
    if (!written || written.getTime() >= Math.floor(unlessWrittenSince.getTime() / 1000) * 1000) return false;
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key }));
    return true;
  }

  /** Quarantined direct uploads never completed (abandoned, or refused on completion and not cleaned up). */
  async removeStaleTemp(before: Date): Promise<number> {
    let n = 0;
    let token: string | undefined;
    do {
      const page = await this.client.send(new ListObjectsV2Command({ Bucket: this.bucket, Prefix: QUARANTINE, ContinuationToken: token }));
      for (const o of page.Contents ?? []) {
        if (o.Key && o.LastModified && o.LastModified < before) {
          await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: o.Key }));
          n++;
        }
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return n;
  }

  override async signedGet(sha256: string, o: SignedGet): Promise<string> {
    const cmd = new GetObjectCommand({
      Bucket: this.bucket, Key: S3Storage.photoKey(sha256),
      ResponseContentType: o.mime, ResponseContentDisposition: `inline; filename="${o.filename}"`, ResponseCacheControl: `private, max-age=${o.expiresIn}`,
    });
    return getSignedUrl(this.signer, cmd, { expiresIn: o.expiresIn, signingDate: o.signedAt });
  }

  quarantineKey(uploaderId: string, id: string): string {
    return `${QUARANTINE}${uploaderId}/${id}`;
  }

  isQuarantineKeyOf(uploaderId: string, key: string): boolean {
    return new RegExp(`^${QUARANTINE}${uploaderId}/[0-9a-f-]{36}$`).test(key);
  }

  async directUpload(key: string, o: { contentType: string; maxBytes: number; expiresIn: number }): Promise<DirectUploadForm> {
    const { url, fields } = await createPresignedPost(this.signer, {
      Bucket: this.bucket, Key: key, Expires: o.expiresIn,
      Fields: { 'Content-Type': o.contentType, success_action_status: '201' },
      Conditions: [
        ['content-length-range', 1, o.maxBytes],
        ['eq', '$Content-Type', o.contentType],
        ['eq', '$key', key],
        ['eq', '$success_action_status', '201'],
      ],
    });
    return { url, fields };
  }

  /** A quarantined upload's bytes and declared size (null when nothing was uploaded there). */
  async openQuarantined(key: string): Promise<{ size: number; body: Readable } | null> {
    try {
      const r = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      return { size: Number(r.ContentLength ?? 0), body: r.Body as Readable };
    } catch (e) {
      if (missing(e)) return null;
      throw e;
    }
  }

  async removeQuarantined(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key })).catch(() => undefined);
  }

  override close(): void {
    this.client.destroy();
    if (this.signer !== this.client) this.signer.destroy();
  }
}
