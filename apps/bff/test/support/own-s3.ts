/// <reference path="./s3rver.d.ts" />
import { mkdtempSync, rmSync } from 'node:fs';
import { CreateBucketCommand, GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';

/**
 * A real local S3 server (s3rver, in this process; its files under /tmp) with one bucket, and the env that
 * points a BFF at it. s3rver does not check V4 signatures or POST policies: a spec checks the policy itself,
 * and the BFF never trusts what was posted (it re-reads and re-encodes every direct upload).
 */
export class OwnS3 {
  readonly client: S3Client;
  private constructor(private readonly server: S3rver, private readonly dir: string, readonly endpoint: string, readonly bucket: string) {
    this.client = new S3Client({
      endpoint, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
      requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED',
    });
  }

  static async start(bucket = 'msb-photos'): Promise<OwnS3> {
    const dir = mkdtempSync('/tmp/msb-s3-');
    const server = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: dir });
    const { port } = await server.run();
    const s3 = new OwnS3(server, dir, `http://127.0.0.1:${port}`, bucket);
    await s3.client.send(new CreateBucketCommand({ Bucket: bucket }));
    return s3;
  }

  env(): Record<string, string> {
    return {
      MEDIA_STORAGE: 's3', S3_ENDPOINT: this.endpoint, S3_BUCKET: this.bucket, S3_ACCESS_KEY_ID: 'S3RVER', S3_SECRET_ACCESS_KEY: 'S3RVER',
    };
  }

  async keys(prefix = ''): Promise<string[]> {
    const r = await this.client.send(new ListObjectsV2Command({ Bucket: this.bucket, Prefix: prefix }));
    return (r.Contents ?? []).map((o) => o.Key!).sort();
  }

  async bytes(key: string): Promise<Buffer> {
    const r = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
    return Buffer.from(await r.Body!.transformToByteArray());
  }

  async stop(): Promise<void> {
    this.client.destroy();
    await this.server.close();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
