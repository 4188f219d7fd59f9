import { periodLastDay } from '../src/domain/enterprise-name/reservation'
import { E2E_DAY, openPhone, signIn, snap, startStack, tap, type Stack } from './harness'

jest.setTimeout(180_000)

let stack: Stack
let phone: Awaited<ReturnType<typeof openPhone>>
beforeAll(async () => {
  stack = await startStack()
  phone = await openPhone()
})
afterAll(async () => {
  await phone?.close()
  await stack?.close()
})

it('composes a rejected name, fixes it, confirms the homophone risk, reserves it and finds it in 我的名称', async () => {
  const { page } = phone
  await signIn(page, stack.baseUrl, { phone: '13612345001', realName: { name: '王五', idNumber: '360426199101010071' } })

  await page.goto(`${stack.baseUrl}/#/pages/index/index`)
  await tap(page, '企业名称自主申报')
  const declare = page.locator('.declare')
  // Step 1: the location, level by level, from the division data.
  for (const division of ['四川省', '成都市', '武侯区']) await declare.getByRole('radio', { name: division, exact: true }).click()
  await declare.getByText(/^名称中可使用“四川”“四川省”“成都”“成都市”等行政区划/).waitFor()
  await declare.getByRole('radio', { name: '有限责任公司', exact: true }).waitFor()
  await snap(page, 'name-location')
  await declare.getByRole('button', { name: '下一步：拟定名称' }).click()

  // Step 2: a one-character 字号; the client rules flag it at once.
  await declare.getByRole('radio', { name: '成都', exact: true }).click()
  await declare.locator('input[aria-label="字号（两个以上汉字）"]').fill('锦')
  await declare.locator('input[aria-label="行业或经营特点"]').fill('物流')
  await declare.getByRole('status', { name: '名称预览：成都锦物流有限公司' }).waitFor()
  await declare.getByText('字号“锦”不足两个汉字，字号应由两个以上汉字组成', { exact: true }).waitFor()
  await declare.getByText('国民经济行业分类：G54 道路运输业', { exact: true }).waitFor()
  await snap(page, 'name-compose-live')
  await declare.getByRole('button', { name: '检查名称' }).click()

  // Step 3: the BFF refuses it, with the rule.
  await declare.getByRole('status', { name: '检查结论：不能申报' }).waitFor()
  await declare.getByText('《企业名称登记管理规定》第八条；《企业名称登记管理规定实施办法》第十条', { exact: true }).waitFor()
  expect(await declare.getByRole('button', { name: '下一步：承诺与保留' }).count()).toBe(0)
  await snap(page, 'name-rejected')
  await declare.getByRole('button', { name: '返回修改' }).click()

  // Fixed: 锦城 sounds like the registered 成都锦程物流有限公司.
  await declare.locator('input[aria-label="字号（两个以上汉字）"]').fill('锦城')
  await declare.getByRole('status', { name: '名称预览：成都锦城物流有限公司' }).waitFor()
  await declare.getByRole('button', { name: '检查名称' }).click()
  await declare.getByRole('status', { name: '检查结论：存在风险，确认后可申报' }).waitFor()
  await declare.getByText('字号“锦城”与本市同行业已有名称的字号读音相同，可能构成近似名称', { exact: true }).waitFor()
  await declare.getByText('成都锦程物流有限公司（已登记）', { exact: true }).waitFor()
  const next = declare.getByRole('button', { name: '下一步：承诺与保留' })
  expect(await next.getAttribute('aria-disabled')).toBe('true')
  await snap(page, 'name-warned')
  await declare.getByRole('checkbox', { name: /^我已了解上述风险/ }).click()
  await next.click()

  // Step 4: the commitment, then the reservation and its notice.
  await declare.getByText('企业名称自主申报承诺书', { exact: true }).waitFor()
  const reserve = declare.getByRole('button', { name: '确认申报并保留名称' })
  expect(await reserve.getAttribute('aria-disabled')).toBe('true')
  await declare.getByRole('checkbox', { name: '我已阅读并同意上述承诺' }).click()
  await snap(page, 'name-commitment')
  await reserve.click()

  const notice = page.locator('.notice')
  await notice.getByText('名称自主申报告知书', { exact: true }).waitFor()
  await notice.getByRole('group', { name: new RegExp(`^名称保留号：MC${E2E_DAY.compact}\\d{6}$`) }).waitFor()
  await notice.getByRole('group', { name: '企业名称：成都锦城物流有限公司' }).waitFor()
  const [year, month, day] = periodLastDay(E2E_DAY.date, 2).split('-').map(Number)
  await notice.getByRole('group', { name: `保留期至：${year}年${month}月${day}日（保留 2 个月）`, exact: true }).waitFor()
  await notice.getByText(/^名称自主申报通过不代表最终核准/).waitFor()
  await page.waitForTimeout(500)
  await snap(page, 'name-notice')

  await page.goto(`${stack.baseUrl}/#/pages/mine/index`)
  await tap(page, '我的名称')
  const mine = page.locator('.my-names')
  const row = mine
    .getByRole('button')
    .filter({ hasText: '成都锦城物流有限公司' })
    .filter({ hasText: `保留至 ${year}年${month}月${day}日` })
  await row.waitFor()
  await page.waitForTimeout(500)
  await snap(page, 'name-mine')

  await mine.getByRole('button', { name: '放弃保留' }).click()
  await page.locator('.taro__modal .taro-model__btn', { hasText: '放弃' }).click()
  await mine.getByRole('button').filter({ hasText: '成都锦城物流有限公司' }).filter({ hasText: '已放弃保留' }).waitFor()
  const { rows } = await stack.runtime.db.query<{ status: string }>(`select status from name_reservations where name = '成都锦城物流有限公司'`)
  expect(rows).toEqual([{ status: 'released' }])
})
