import { createReadStream } from 'node:fs';
import { mkdir, rename, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';

/** Where photo bytes live. Content-addressed: the same photo is stored once. */
export abstract class MediaStorage {
  /** Moves a finished temp file into place under its sha256. */
  abstract put(sha256: string, tempPath: string): Promise<void>;
  abstract open(sha256: string): Promise<Readable | null>;
}

export class LocalDiskStorage extends MediaStorage {
  constructor(readonly root: string) {
    super();
  }

  private path(sha: string) {
    return join(this.root, sha.slice(0, 2), sha);
  }

  async put(sha256: string, tempPath: string): Promise<void> {
    await mkdir(join(this.root, sha256.slice(0, 2)), { recursive: true });
    await rename(tempPath, this.path(sha256));
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
}
