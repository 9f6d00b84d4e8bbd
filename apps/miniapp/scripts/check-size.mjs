#!/usr/bin/env node
// Prints the WeChat main package size (everything in dist/weapp except subpackage roots)
// and exits non-zero above the limit. WeChat refuses a main package over 2 MB; we keep 1.5 MB.
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs'
import { join, relative, sep } from 'node:path'
import { fileURLToPath } from 'node:url'

const LIMIT = Number(process.env.MAIN_PACKAGE_LIMIT_BYTES ?? 1.5 * 1024 * 1024)
const root = join(fileURLToPath(new URL('..', import.meta.url)), 'dist', 'weapp')
const appJson = join(root, 'app.json')
if (!existsSync(appJson)) {
  console.error(`check:size: ${relative(process.cwd(), appJson)} not found — run \`pnpm build:weapp\` first`)
  process.exit(2)
}
const app = JSON.parse(readFileSync(appJson, 'utf8'))
const subRoots = [...(app.subPackages ?? []), ...(app.subpackages ?? [])].map((p) => p.root.replace(/\/+$/, ''))

// Files the WeChat tools do not upload.
const ignored = (rel) => rel.endsWith('.LICENSE.txt') || rel.endsWith('.map') || rel === 'project.config.json' || rel === 'project.private.config.json'

let main = 0
const subs = Object.fromEntries(subRoots.map((r) => [r, 0]))
const biggest = []
function walk(dir) {
  for (const name of readdirSync(dir)) {
    const abs = join(dir, name)
    const st = statSync(abs)
    if (st.isDirectory()) {
      walk(abs)
      continue
    }
    const rel = relative(root, abs).split(sep).join('/')
    if (ignored(rel)) continue
    const sub = subRoots.find((r) => rel === r || rel.startsWith(`${r}/`))
    if (sub) subs[sub] += st.size
    else {
      main += st.size
      biggest.push([rel, st.size])
    }
  }
}
walk(root)

const kb = (n) => `${(n / 1024).toFixed(1)} KB`
console.log(`weapp main package: ${kb(main)} (limit ${kb(LIMIT)})`)
for (const [r, s] of Object.entries(subs)) console.log(`  subpackage ${r}: ${kb(s)}`)
for (const [rel, s] of biggest.sort((a, b) => b[1] - a[1]).slice(0, 5)) console.log(`  main: ${rel} ${kb(s)}`)
if (main > LIMIT) {
  console.error(`check:size: main package ${kb(main)} is over ${kb(LIMIT)}`)
  process.exit(1)
}
