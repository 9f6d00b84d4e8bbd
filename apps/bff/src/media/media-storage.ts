import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, readdir, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';

/** How a signed link serves a photo. `signedAt` is rounded by the caller so a link stays the same for a while (client caches). */
export interface SignedGet {
  mime: string;
  filename: string;
  expiresIn: number;
  signedAt: Date;
}

/** A presigned POST: the form fields to send beside the file (multipart, field `file`, as wx.uploadFile posts). */
export interface DirectUploadForm {
  url: string;
  fields: Record<string, string>;
}

/** Uploads that go from the phone to the store without passing through a BFF, into quarantine first. */
export interface DirectUploads {
  quarantineKey(uploaderId: string, id: string): string;
  isQuarantineKeyOf(uploaderId: string, key: string): boolean;
  directUpload(key: string, o: { contentType: string; maxBytes: number; expiresIn: number }): Promise<DirectUploadForm>;
  openQuarantined(key: string): Promise<{ size: number; body: Readable } | null>;
  removeQuarantined(key: string): Promise<void>;
}

/** Where photo bytes live. Content-addressed: the same photo is stored once. */
export abstract class MediaStorage {
  /** Writes a photo's bytes in place under its sha256 (atomically, so a reader never sees half). */
  abstract put(sha256: string, bytes: Buffer, mime?: string): Promise<void>;
  abstract open(sha256: string): Promise<Readable | null>;
  /** Removes a photo's file unless it was (re)written at or after `unlessWrittenSince`; true if removed. */
  abstract remove(sha256: string, unlessWrittenSince: Date): Promise<boolean>;
  /** Removes temp files older than `before` (left by a crash mid-upload). */
  abstract removeStaleTemp(before: Date): Promise<number>;

  /** A link the client fetches from the store itself; null when the BFF serves the bytes (local disk). */
  signedGet(_sha256: string, _o: SignedGet): Promise<string | null> {
    return Promise.resolve(null);
  }

  /** Direct uploads, where the store takes them (object stores); null on local disk. */
  get direct(): DirectUploads | null {
    return null;
  }

  close(): void {}
}

export class LocalDiskStorage extends MediaStorage {
  constructor(readonly root: string, readonly tmpDir: string) {
    super();
  }

  private path(sha: string) {
    return join(this.root, sha.slice(0, 2), sha);
  }

  async put(sha256: string, bytes: Buffer): Promise<void> {
    await mkdir(join(this.root, sha256.slice(0, 2)), { recursive: true });
    await mkdir(this.tmpDir, { recursive: true });
    const tmp = join(this.tmpDir, `${sha256}.${randomUUID()}.put`);
    await writeFile(tmp, bytes);
    await rename(tmp, this.path(sha256));
  }

  async open(sha256: string): Promise<Readable | null> {
    const p = this.path(sha256);
    try {
      await stat(p);
    } catch {
      return null;
    }
    return createReadStream(p);
  }

  async remove(sha256: string, unlessWrittenSince: Date): Promise<boolean> {
    const p = this.path(sha256);
    const s = await stat(p).catch(() => null);
    // A photo with the same content uploaded again meanwhile rewrote the file: it is in use again.
    if (!s || s.mtimeMs >= unlessWrittenSince.getTime()) return false;
    await unlink(p).catch(() => undefined);
    return true;
  }

  async removeStaleTemp(before: Date): Promise<number> {
    const names = await readdir(this.tmpDir).catch(() => [] as string[]);
    let n = 0;
    for (const name of names) {
      const p = join(this.tmpDir, name);
      const s = await stat(p).catch(() => null);
      if (s && s.mtimeMs < before.getTime()) n += (await unlink(p).then(() => 1, () => 0));
    }
    return n;
  }
}
