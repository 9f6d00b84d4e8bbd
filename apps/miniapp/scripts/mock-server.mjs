#!/usr/bin/env node
// Dev-only: serves dist/h5 and answers /graphql and /uploads with canned data, so the H5
// build can be clicked through and screenshotted before the BFF exists. Not used in CI.
import { createServer } from 'node:http'
import { readFile } from 'node:fs/promises'
import { extname, join, normalize } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(fileURLToPath(new URL('..', import.meta.url)), 'dist', 'h5')
const port = Number(process.env.PORT ?? 10086)
const GOOD = 'k1.demo-gate-north.sig'
const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.png': 'image/png', '.svg': 'image/svg+xml' }

const now = Date.now()
const iso = (minsAgo) => new Date(now - minsAgo * 60_000).toISOString()
const tickets = [
  { id: 't1', number: 'MSB-20251127-0012', status: 'IN_PROGRESS', categoryName: '电梯管理', description: '3号楼2单元电梯按钮失灵，上下行都要按好几次', createdAt: iso(300), nextDeadline: iso(-1440) },
  { id: 't2', number: 'MSB-20251126-0007', status: 'RESOLVED', categoryName: '楼内乱堆乱放', description: '5号楼楼道堆放纸箱和旧家具，影响消防通道', createdAt: iso(2000), nextDeadline: iso(-4000) },
  { id: 't3', number: 'MSB-20251120-0003', status: 'CLOSED', categoryName: '停车管理', description: '东门消防通道长期被私家车占用', createdAt: iso(12000), nextDeadline: null },
  { id: 't4', number: 'MSB-20251119-0001', status: 'REPORTED', categoryName: '小区卫生保洁和绿化养护', description: '北门垃圾桶满溢两天未清运', createdAt: iso(30), nextDeadline: iso(-90) },
]

function answer(query, vars) {
  if (/query Arrival/.test(query)) {
    if (vars.token !== GOOD) return { errors: [{ message: 'invalid qr token', extensions: { code: 'NOT_FOUND' } }], data: null }
    return { data: { complexByQrToken: { complex: { id: 'c1', name: '泉城花园' }, spot: { id: 's1', name: '北门' }, figures: { month: '2025年11月', filed: 37, resolved: 33, satisfactionRate: 0.91 } } } }
  }
  if (/query Mine/.test(query)) return { data: { myTickets: tickets } }
  if (/query Ticket/.test(query)) {
    const t = tickets.find((x) => x.id === vars.id) ?? tickets[0]
    return {
      data: {
        ticket: {
          ...t, complexName: '泉城花园', spotName: '北门', availableActions: ['COMMENT', 'WITHDRAW'],
          timeline: [
            { id: 'e1', action: 'REPORT', actorName: '业主 王女士', fromStatus: null, toStatus: 'REPORTED', note: t.description, at: iso(300), attachments: [] },
            { id: 'e2', action: 'ACCEPT', actorName: '物业 李师傅', fromStatus: 'REPORTED', toStatus: 'ACCEPTED', note: '已受理，安排维修人员今天下午上门', at: iso(280), attachments: [] },
            { id: 'e3', action: 'START', actorName: '物业 李师傅', fromStatus: 'ACCEPTED', toStatus: 'IN_PROGRESS', note: '正在检修按钮面板', at: iso(200), attachments: [] },
          ],
        },
      },
    }
  }
  if (/mutation Sms/.test(query)) return { data: { requestSmsCode: true } }
  if (/mutation LoginSms/.test(query)) return { data: { loginWithSms: { token: 'demo-jwt' } } }
  if (/mutation Report/.test(query)) return { data: { reportTicket: { id: 't1', number: 'MSB-20251127-0012' } } }
  return { errors: [{ message: 'unknown operation', extensions: { code: 'BAD_USER_INPUT' } }] }
}

createServer(async (req, res) => {
  const url = new URL(req.url ?? '/', 'http://x')
  if (req.method === 'POST' && url.pathname === '/graphql') {
    let body = ''
    for await (const c of req) body += c
    const { query, variables } = JSON.parse(body || '{}')
    res.writeHead(200, { 'content-type': 'application/json' })
    return res.end(JSON.stringify(answer(query ?? '', variables ?? {})))
  }
  if (req.method === 'POST' && url.pathname === '/uploads') {
    for await (const _ of req) void _
    res.writeHead(201, { 'content-type': 'application/json' })
    return res.end(JSON.stringify({ id: `att-${Date.now()}`, url: '' }))
  }
  const path = normalize(url.pathname === '/' ? '/index.html' : url.pathname).replace(/^(\.\.[/\\])+/, '')
  try {
    const data = await readFile(join(root, path))
    res.writeHead(200, { 'content-type': types[extname(path)] ?? 'application/octet-stream' })
    res.end(data)
  } catch {
    res.writeHead(404).end('not found')
  }
}).listen(port, '127.0.0.1', () => console.log(`mock H5 on http://127.0.0.1:${port}/ (good token ${GOOD})`))
