// Pre-compresses the H5 build (issue 12 §13): a .br (brotli, best) and a .gz (gzip -9) beside every text file
// over 1 KB, so the BFF's static handler sends the smaller one with Content-Encoding and never compresses on
// the fly. Prints what a browser downloads: raw vs brotli.
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = process.argv[2] ?? join(fileURLToPath(new URL('.', import.meta.url)), '..', 'dist', 'h5')
const TEXT = /\.(js|css|html|svg|json|txt|map)$/

function* files(dir) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name)
    if (statSync(p).isDirectory()) yield* files(p)
    else yield p
  }
}

let raw = 0
let br = 0
let n = 0
for (const f of files(root)) {
  if (!TEXT.test(f) || f.endsWith('.map')) continue
  const bytes = readFileSync(f)
  if (bytes.length < 1024) continue
  const b = brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } })
  writeFileSync(`${f}.br`, b)
  writeFileSync(`${f}.gz`, gzipSync(bytes, { level: 9 }))
  raw += bytes.length
  br += b.length
  n++
}
console.log(`compress-h5: ${n} files in ${relative(process.cwd(), root) || '.'}: ${(raw / 1024).toFixed(0)} KB → ${(br / 1024).toFixed(0)} KB brotli`)
