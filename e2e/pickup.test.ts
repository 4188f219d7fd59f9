/**
 * Certificate pickup in Chromium (#7): a clerk registers two licences; the citizen signs an EMS
 * authorization with the mouse, downloads the PDF (rendered with pdftoppm: Chinese text and the
 * signature), the clerk records the EMS number and the citizen sees 已寄出; a second licence goes to an
 * agent (signed with touch), verified at the window by the pickup code and ID number and collected;
 * a modified PDF is reported as altered by the verify endpoint and on the page.
 */
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import sharp from 'sharp'
import type { Locator, Page } from 'playwright-core'
import { SIGNATURE_BOX } from '../server/modules/pickup/pdf'
import { s10CheckDigit } from '../src/domain/ems'
import { ARTIFACTS, E2E_DAY, openPhone, signIn, snap, startStack, tap, visiblePage, type Stack } from './harness'

jest.setTimeout(240_000)

const CITIZEN = { phone: '13612347001', realName: { name: '王小明', idNumber: '11010519491231002X' } }
const AGENT_ID = '510107199203150027'
const CLERK = '13900000004'

let stack: Stack
let citizen: Awaited<ReturnType<typeof openPhone>>
let clerk: Awaited<ReturnType<typeof openPhone>>

beforeAll(async () => {
  stack = await startStack()
  citizen = await openPhone()
  clerk = await openPhone()
})
afterAll(async () => {
  await citizen?.close()
  await clerk?.close()
  await stack?.close()
})

const input = (page: Page, label: string) => visiblePage(page).locator(`input[aria-label="${label}"], textarea[aria-label="${label}"]`)
/** Presses a button of Taro's H5 modal (the confirmation before signing, a refusal). */
const modalButton = (page: Page, text: string) => page.locator('.taro__modal .taro-model__btn', { hasText: text }).filter({ visible: true }).first()

async function insertCase(number: string) {
  const { cipher } = stack.runtime.keys
  const user = await stack.runtime.db.query<{ id: string }>('select id from users where phone_index = $1', [cipher.blindIndex(`phone:${CITIZEN.phone}`)])
  const now = stack.runtime.clock.now()
  await stack.runtime.db.query(
    `insert into cases (case_number, user_id, hall_id, item_id, status, created_at, updated_at) values ($1, $2, 'tianfu', 'company-llc-establishment', 'approved', $3, $3)`,
    [number, user.rows[0].id, now],
  )
}

/** A handwritten-looking stroke pair across the pad, by mouse or by touch (CDP touch events). */
async function drawSignature(page: Page, pad: Locator, by: 'mouse' | 'touch', sideways = false) {
  const box = (await pad.boundingBox())!
  // Sideways (landscape pad on a portrait screen) the writing runs down the screen.
  const stroke = (row: number) =>
    Array.from({ length: 36 }, (_, i) => {
      const along = 0.1 + (0.8 * i) / 35
      const across = row + 0.18 * Math.sin(i / 3)
      return sideways
        ? { x: box.x + box.width * (1 - across), y: box.y + box.height * along }
        : { x: box.x + box.width * along, y: box.y + box.height * across }
    })
  const cdp = by === 'touch' ? await page.context().newCDPSession(page) : null
  for (const points of [stroke(0.4), stroke(0.65)]) {
    if (cdp) await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [points[0]] })
    else {
      await page.mouse.move(points[0].x, points[0].y)
      await page.mouse.down()
    }
    for (const p of points.slice(1)) {
      if (cdp) await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [p] })
      else await page.mouse.move(p.x, p.y)
      await page.waitForTimeout(20)
    }
    // A pause before lifting, or Chromium turns the touch into a fling.
    await page.waitForTimeout(150)
    if (cdp) await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] })
    else await page.mouse.up()
  }
}

async function renderPdf(pdf: Buffer) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pickup-e2e-'))
  try {
    const file = path.join(dir, 'doc.pdf')
    fs.writeFileSync(file, pdf)
    execFileSync('pdftoppm', ['-png', '-r', '50', '-f', '1', '-l', '1', '-singlefile', file, path.join(dir, 'page')])
    const png = fs.readFileSync(path.join(dir, 'page.png'))
    fs.mkdirSync(ARTIFACTS, { recursive: true })
    fs.writeFileSync(path.join(ARTIFACTS, 'pickup-pdf-page1.png'), png)
    return { png, text: execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }) }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

async function darkPixels(png: Buffer, box: { x: number; y: number; width: number; height: number }) {
  const k = 50 / 72
  const { data } = await sharp(png)
    .extract({ left: Math.round(box.x * k), top: Math.round(box.y * k), width: Math.round(box.width * k), height: Math.round(box.height * k) })
    .greyscale()
    .raw()
    .toBuffer({ resolveWithObject: true })
  return data.filter((v) => v < 128).length
}

/** The clerk's 出证登记: one tap on the case in 待出证, then the confirmation stays on the page. */
async function issue(page: Page, caseNumber: string) {
  const row = visiblePage(page)
    .locator('.staff-pickup__row')
    .filter({ hasText: `办件编号 ${caseNumber}` })
  await row.getByText('登记出证', { exact: true }).click()
  await visiblePage(page).getByText(`已登记出证：${caseNumber}`, { exact: false }).waitFor()
}

it('signs for EMS, downloads and renders the PDF, gets 已寄出; sends an agent who is verified and collects; detects a modified PDF', async () => {
  const c = citizen.page
  const k = clerk.page
  const emsCase = `YS-${E2E_DAY.compact}-900001`
  const agentCase = `YS-${E2E_DAY.compact}-900002`

  await signIn(c, stack.baseUrl, CITIZEN)
  await insertCase(emsCase)
  await insertCase(agentCase)

  await signIn(k, stack.baseUrl, { phone: CLERK })
  await k.goto(`${stack.baseUrl}/#/pages/staff/pickup/index?hallId=tianfu`)
  await visiblePage(k).getByText('待出证', { exact: true }).waitFor()
  await issue(k, emsCase)
  await issue(k, agentCase)
  await tap(k, '待签委托')
  await visiblePage(k).getByText(`办件编号 ${agentCase}`, { exact: true }).waitFor()
  await snap(k, 'pickup-clerk-ready')

  // The citizen: 我的 → 我的委托 → the licence → EMS delivery.
  await c.goto(`${stack.baseUrl}/#/pages/mine/index`)
  await tap(c, '我的委托')
  await visiblePage(c).getByRole('button').filter({ hasText: '营业执照' }).filter({ hasText: '待签署委托' }).first().waitFor()
  await snap(c, 'pickup-list')
  await c.goto(`${stack.baseUrl}/#/pages/pickup/authorize/index?caseNumber=${emsCase}`)
  await visiblePage(c).getByText('领取方式', { exact: true }).waitFor()
  // The recipient is the citizen by default, with the sign-in phone masked; here the parcel goes to someone else.
  await visiblePage(c).getByText('本人（136****7001）', { exact: true }).waitFor()
  await snap(c, 'pickup-authorize-self')
  await tap(c, '改用其他号码/收件人')
  await tap(c, '下一步：阅读并签署委托书')
  const form = visiblePage(c)
  await form.getByText('请输入收件人姓名', { exact: true }).waitFor()
  await form.getByText('请填写详细地址（街道、门牌号等），至少5个字', { exact: true }).waitFor()
  await snap(c, 'pickup-authorize-errors')
  // Each message goes as soon as its field is valid, without pressing 下一步 again.
  await input(c, '收件人').fill('李四')
  await form.getByText('请输入收件人姓名', { exact: true }).waitFor({ state: 'detached' })
  await input(c, '收件人手机号').fill('13812345678')
  await visiblePage(c).getByRole('button', { name: '选择所在地区' }).click()
  await visiblePage(c).getByRole('button', { name: '四川省', exact: true }).click()
  await visiblePage(c).getByRole('button', { name: '成都市', exact: true }).click()
  await visiblePage(c).getByRole('button', { name: '武侯区', exact: true }).click()
  await input(c, '详细地址').fill('人民南路四段1号')
  await form.getByRole('alert').first().waitFor({ state: 'detached' })
  expect(await form.getByRole('alert').count()).toBe(0)
  await snap(c, 'pickup-authorize-form')
  await tap(c, '下一步：阅读并签署委托书')

  const sheet = visiblePage(c)
  await sheet.getByText('取件委托书', { exact: true }).waitFor()
  for (const line of [
    '姓名：王小明',
    `办件编号：${emsCase}`,
    '收件人：李四',
    '收件人联系电话：138****5678',
    '收件地址：四川省成都市武侯区人民南路四段1号',
    '授权编号：签署后生成',
  ]) {
    await sheet.getByText(line, { exact: true }).waitFor()
  }
  const pad = sheet.locator('.signature-pad__surface canvas')
  await pad.scrollIntoViewIfNeeded()
  await tap(c, '确认签署')
  await visiblePage(c)
    .getByText('请先在框内签名')
    .waitFor()
    .catch(() => undefined)
  await drawSignature(c, pad, 'mouse')
  await snap(c, 'pickup-signed-pad')
  await tap(c, '确认签署')
  await c.getByText(/由EMS寄给李四（138\*\*\*\*5678）/).waitFor()
  await snap(c, 'pickup-sign-confirm')
  await modalButton(c, '确认签署').click()

  const detail = visiblePage(c)
  await detail.getByText('待寄出', { exact: true }).first().waitFor()
  const number = ((await detail.locator('.pickup-detail__number').textContent()) ?? '').replace('委托书编号 ', '')
  expect(number).toMatch(new RegExp(`^WT${E2E_DAY.compact}\\d{6}$`))
  await snap(c, 'pickup-detail-awaiting')

  const [download] = await Promise.all([c.waitForEvent('download'), tap(c, '下载委托书PDF')])
  expect(download.suggestedFilename()).toBe(`${number}.pdf`)
  const pdf = fs.readFileSync((await download.path())!)
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-')
  const rendered = await renderPdf(pdf)
  expect(rendered.text).toContain('取件委托书')
  expect(rendered.text).toContain(emsCase)
  expect(rendered.text).toContain('王小明')
  expect((await sharp(rendered.png).stats()).channels[0].stdev).toBeGreaterThan(5)
  expect(await darkPixels(rendered.png, SIGNATURE_BOX)).toBeGreaterThan(40)

  // The clerk ships it.
  await k.reload()
  await visiblePage(k).getByText('待出证', { exact: true }).waitFor()
  await visiblePage(k).getByRole('button').filter({ hasText: emsCase }).filter({ hasText: 'EMS · 待寄出' }).click()
  const desk = visiblePage(k)
  const waybill = desk.getByRole('group', { name: '面单信息' })
  await waybill.getByText('收件人：李四', { exact: true }).waitFor()
  await waybill.getByText('电话：13812345678', { exact: true }).waitFor()
  await waybill.getByText('地址：四川省成都市武侯区人民南路四段1号', { exact: true }).waitFor()
  const emsNumber = `EA${E2E_DAY.compact}${s10CheckDigit(E2E_DAY.compact)}CN`
  await input(k, 'EMS单号').fill(`EA${E2E_DAY.compact}${(s10CheckDigit(E2E_DAY.compact) + 1) % 10}CN`)
  await tap(k, '登记寄出')
  await desk.getByText(/校验位不正确/).waitFor()
  await input(k, 'EMS单号').fill(emsNumber)
  await tap(k, '登记寄出')
  await visiblePage(k).getByText(`EMS单号：${emsNumber}`, { exact: true }).waitFor()
  await snap(k, 'pickup-clerk-shipped')

  // The citizen sees it on refresh.
  await c.reload()
  await visiblePage(c).getByText('已寄出', { exact: true }).first().waitFor()
  await visiblePage(c).getByText(`EMS单号：${emsNumber}`, { exact: true }).waitFor()
  await snap(c, 'pickup-detail-shipped')

  // The second licence goes to an agent; signed with a finger this time.
  await c.goto(`${stack.baseUrl}/#/pages/pickup/authorize/index?caseNumber=${agentCase}`)
  await visiblePage(c).getByText('领取方式', { exact: true }).waitFor()
  await visiblePage(c).getByRole('radio', { name: '委托他人代领' }).click()
  await input(c, '代领人姓名').fill('赵六')
  await input(c, '代领人身份证号').fill(AGENT_ID)
  await input(c, '代领人手机号').fill('13900001111')
  await tap(c, '下一步：阅读并签署委托书')
  await visiblePage(c).getByText('代领人证件号码：510107********0027', { exact: true }).waitFor()
  // This time in the landscape full-screen pad, with a finger.
  await tap(c, '横屏签名')
  const fullPad = visiblePage(c).locator('.signature-pad__full-surface canvas')
  await visiblePage(c).getByText('请横握手机，在此签名', { exact: true }).waitFor()
  await c.waitForTimeout(300)
  await drawSignature(c, fullPad, 'touch', true)
  await snap(c, 'pickup-landscape-pad')
  await tap(c, '确认签署')
  await modalButton(c, '确认签署').click()
  const agentDetail = visiblePage(c)
  await agentDetail.getByText('待领取', { exact: true }).first().waitFor()
  await agentDetail.getByRole('img', { name: '取件二维码' }).waitFor()
  const code = ((await agentDetail.locator('.pickup-detail__code').textContent()) ?? '').trim()
  expect(code).toMatch(/^OTPK1\./)
  // The landscape signature was stored upright: wider than tall, with its ink spread along the width.
  const signatureRow = await stack.runtime.db.query<{ signature_png_enc: string }>(
    'select r.signature_png_enc from authorization_records r join authorizations a on a.id = r.authorization_id join cases c on c.id = a.case_id where c.case_number = $1',
    [agentCase],
  )
  const signaturePng = Buffer.from(stack.runtime.keys.cipher.decrypt(signatureRow.rows[0].signature_png_enc), 'base64')
  const signatureMeta = await sharp(signaturePng).metadata()
  expect(signatureMeta.width!).toBeGreaterThan(signatureMeta.height!)
  const trimmed = await sharp(signaturePng).trim({ threshold: 40 }).toBuffer({ resolveWithObject: true })
  expect(trimmed.info.width).toBeGreaterThan(trimmed.info.height * 1.5)
  await snap(c, 'pickup-detail-agent')

  // At the window: the code (a scanner types it) and the agent's ID card.
  await k.goto(`${stack.baseUrl}/#/pages/staff/pickup/agent-check/index`)
  await input(k, '取件码').fill(code)
  await input(k, '代领人身份证号').fill('510107199203150019')
  await tap(k, '核验')
  // Taro's modal host has no box of its own: wait for its text, then press its button.
  await k.getByText('身份证号与委托书中的代领人不一致，不能代领', { exact: true }).waitFor()
  await modalButton(k, '知道了').click()
  await input(k, '代领人身份证号').fill(AGENT_ID)
  await tap(k, '核验')
  await visiblePage(k).getByText('核验通过：代领人与委托书一致', { exact: true }).waitFor()
  await tap(k, '代领人已领取，确认发证')
  await visiblePage(k).getByText('已发证，委托办结', { exact: true }).waitFor()
  await snap(k, 'pickup-clerk-collected')

  await c.reload()
  await visiblePage(c).getByText('已领取', { exact: true }).first().waitFor()
  await visiblePage(c).getByText('代领人已领取证照', { exact: true }).waitFor()

  // Someone edits the stored PDF of the first authorization: verify says so.
  const { rows } = await stack.runtime.db.query<{ authorization_id: string; pdf_enc: string }>(
    'select r.authorization_id, r.pdf_enc from authorization_records r join authorizations a on a.id = r.authorization_id where a.number = $1',
    [number],
  )
  const { cipher } = stack.runtime.keys
  const stored = Buffer.from(cipher.decrypt(rows[0].pdf_enc), 'base64')
  stored[Math.floor(stored.length / 2)] ^= 0xff
  await stack.runtime.db.query('alter table authorization_records disable trigger authorization_records_append_only')
  await stack.runtime.db.query('update authorization_records set pdf_enc = $2 where authorization_id = $1', [
    rows[0].authorization_id,
    cipher.encrypt(stored.toString('base64')),
  ])
  await stack.runtime.db.query('alter table authorization_records enable trigger authorization_records_append_only')

  await c.goto(`${stack.baseUrl}/#/pages/pickup/detail/index?id=${rows[0].authorization_id}`)
  await visiblePage(c).getByText('已寄出', { exact: true }).first().waitFor()
  await tap(c, '核验是否被改动')
  await visiblePage(c).getByText('核验未通过：委托书记录已被改动，请联系服务中心', { exact: true }).waitFor()
  await visiblePage(c).getByText('✗ PDF 文件', { exact: true }).waitFor()
  await snap(c, 'pickup-verify-altered')

  // No full ID number reached the BFF's log.
  const log = stack.logLines.join('')
  expect(log).not.toContain(AGENT_ID)
  expect(log).not.toContain(CITIZEN.realName.idNumber)
})
