#!/usr/bin/env node
// The WeChat app id is configuration, not code (issue 12 §14): `WECHAT_APPID=wx… pnpm build:weapp` writes it to
// project.private.config.json, which WeChat DevTools and miniprogram-ci lay over project.config.json (git-ignored,
// so no one's app id lands in the repo). Without WECHAT_APPID the tourist id of project.config.json stays.
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const dir = join(fileURLToPath(new URL('..', import.meta.url)))
const file = join(dir, 'project.private.config.json')
const appid = process.env.WECHAT_APPID?.trim()
if (appid) {
  if (!/^wx[0-9a-f]{16}$/.test(appid)) {
    console.error(`weapp-project: WECHAT_APPID "${appid}" is not a WeChat app id (wx + 16 hex digits)`)
    process.exit(2)
  }
  const current = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {}
  writeFileSync(file, `${JSON.stringify({ ...current, appid }, null, 2)}\n`)
  console.log(`weapp-project: appid ${appid} → project.private.config.json`)
} else if (existsSync(file) && JSON.parse(readFileSync(file, 'utf8')).appid) {
  console.log('weapp-project: keeping the appid of project.private.config.json')
} else {
  rmSync(file, { force: true })
  console.log('weapp-project: no WECHAT_APPID, project.config.json\'s touristappid is used')
}
