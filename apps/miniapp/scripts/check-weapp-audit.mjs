#!/usr/bin/env node
// The settings WeChat's code-quality audit looks at (issue 12 §14), checked on the built dist/weapp:
// lazy code loading on, ES6→ES5 and JS/WXSS/WXML compression on in project.config.json, an app id that comes
// from configuration, JS actually minified by the build. The main-package size is scripts/check-size.mjs.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const dir = fileURLToPath(new URL('..', import.meta.url))
const out = join(dir, 'dist', 'weapp')
const problems = []
const project = JSON.parse(readFileSync(join(dir, 'project.config.json'), 'utf8'))
for (const k of ['es6', 'minified', 'minifyWXSS', 'minifyWXML']) if (project.setting?.[k] !== true) problems.push(`project.config.json setting.${k} is not true`)
if (!project.appid) problems.push('project.config.json has no appid')
if (!existsSync(join(out, 'app.json'))) {
  console.error('check:audit: dist/weapp/app.json not found — run `pnpm build:weapp` first')
  process.exit(2)
}
const app = JSON.parse(readFileSync(join(out, 'app.json'), 'utf8'))
if (app.lazyCodeLoading !== 'requiredComponents') problems.push(`app.json lazyCodeLoading is ${JSON.stringify(app.lazyCodeLoading)}, not "requiredComponents"`)

// Minified JS: long lines, few of them. A file of >2 KB averaging under 200 characters a line was not minified.
function* files(d) {
  for (const n of readdirSync(d)) {
    const p = join(d, n)
    if (statSync(p).isDirectory()) yield* files(p)
    else yield p
  }
}
let js = 0
for (const f of files(out)) {
  if (!f.endsWith('.js')) continue
  const s = readFileSync(f, 'utf8')
  js++
  const lines = s.split('\n').length
  if (s.length > 2048 && s.length / lines < 200) problems.push(`${f.slice(out.length + 1)} is not minified (${lines} lines)`)
}
if (problems.length) {
  console.error(`check:audit: ${problems.length} problem(s):\n  ${problems.join('\n  ')}`)
  process.exit(1)
}
console.log(`check:audit: lazyCodeLoading requiredComponents, es6/minified/minifyWXSS/minifyWXML on, appid ${project.appid}, ${js} JS files minified`)
