/** Fallback for platforms without a compressor: send the original. */
export async function compressImage(path: string): Promise<string> {
  return path
}
