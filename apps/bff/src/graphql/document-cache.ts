import { LRUCache } from 'lru-cache';
import type { DocumentNode } from 'graphql';

/**
 * Mercurius keeps parsed documents by their source text in two caches (valid ones, and ones that failed
 * validation). Counted by entries they were unbounded in bytes: one entry is the source plus its AST
 * with locations, ~300–390 bytes per token, so 256 anonymous 3.8 KB documents of 1,900 tokens each held
 * ~190 MB. These are bounded by an estimate of the bytes each entry holds.
 */

/** Heap bytes per lexical token of a parsed document (AST node share + token + location): 290–390 measured on graphql 16, rounded up. */
export const BYTES_PER_TOKEN = 400;

interface CachedDocument {
  document?: DocumentNode;
  validationErrors?: readonly { message: string }[];
}

function tokenCount(document: DocumentNode | undefined): number {
  let n = 0;
  for (let t = document?.loc?.startToken ?? null; t; t = t.next) n++;
  return n;
}

/** Estimated heap bytes of one entry: its key (2 bytes a character at worst), its AST, its error messages. */
export function entryBytes(value: CachedDocument, key: unknown): number {
  const keyBytes = typeof key === 'string' ? key.length * 2 : 0;
  const errors = (value.validationErrors ?? []).reduce((sum, e) => sum + 200 + e.message.length * 2, 0);
  return Math.max(1, 200 + keyBytes + tokenCount(value.document) * BYTES_PER_TOKEN + errors);
}

/** The document caches of one GraphQL server, made by Mercurius through `cache: caches.factory`. */
export class DocumentCaches {
  private readonly made: LRUCache<string, CachedDocument>[] = [];

  /** @param maxBytes the bound of each cache (Mercurius makes two). */
  constructor(readonly maxBytes: number) {}

  readonly factory = (): LRUCache<string, CachedDocument> => {
    const cache = new LRUCache<string, CachedDocument>({
      maxSize: this.maxBytes,
      sizeCalculation: entryBytes,
      // A single document larger than the whole bound is not kept at all.
      maxEntrySize: this.maxBytes,
    });
    this.made.push(cache);
    return cache;
  };

  /** Estimated bytes held by each cache. */
  sizes(): number[] {
    return this.made.map((c) => c.calculatedSize);
  }

  entries(): number[] {
    return this.made.map((c) => c.size);
  }
}
