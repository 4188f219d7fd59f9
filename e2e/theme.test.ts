import type { Locator, Page } from 'playwright-core'
import { idCardCheckChar } from '../src/domain/id-card'
import { simplePdf } from '../__tests__/server/review-fixtures'
import { openPhone, signIn, snap, startStack, visiblePage, type Stack } from './harness'

jest.setTimeout(300_000)

/** 天府新区 (theme seed): 陈思雨 reviews the market-regulation items, 黄佳怡 the health items. */
const MARKET_REVIEWER = '13900000003'
const HEALTH_REVIEWER = '13900000006'

let stack: Stack
let applicant: Awaited<ReturnType<typeof openPhone>>
let market: Awaited<ReturnType<typeof openPhone>>
let health: Awaited<ReturnType<typeof openPhone>>
beforeAll(async () => {
  stack = await startStack()
  applicant = await openPhone()
  market = await openPhone()
  health = await openPhone()
})
afterAll(async () => {
  await applicant?.close()
  await market?.close()
  await health?.close()
  await stack?.close()
})

/** Chooses a file the way a person does on H5: the button opens the system file picker. */
async function choose(page: Page, button: Locator, name: string) {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), button.click()])
  await chooser.setFiles({ name, mimeType: 'application/pdf', buffer: await simplePdf(1) })
}

const card = (page: Page, name: string) => visiblePage(page).getByRole('group', { name })

/** A reviewer opens the application from the joint-review queue and decides their item. */
async function decide(page: Page, item: string, problems: Record<string, string>) {
  const region = visiblePage(page).getByRole('region', { name: item })
  await region.getByRole('button', { name: '通过' }).waitFor()
  for (const [material, problem] of Object.entries(problems)) {
    // Found by its name, whether the note is one line or a multi-line textarea.
    await region.getByRole('textbox', { name: `「${material}」的问题（无问题留空）` }).fill(problem)
  }
  await region.getByRole('button', { name: Object.keys(problems).length ? '需补正' : '通过' }).click()
  // 需补正 notifies the citizen, so it is confirmed first.
  if (Object.keys(problems).length) await page.locator('.taro__modal .taro-model__btn', { hasText: '确定补正' }).filter({ visible: true }).first().click()
  await region.getByRole('button', { name: '通过' }).waitFor({ state: 'detached' })
}

async function openFromQueue(page: Page) {
  await page.goto(`${stack.baseUrl}/#/pages/theme/staff-queue/index?hallId=tianfu`)
  await page.reload()
  await visiblePage(page).getByText('联审中的一件事申请', { exact: true }).waitFor()
  await visiblePage(page).getByText('我要开诊所', { exact: true }).click()
  await visiblePage(page)
    .getByText(/^联审中 · 第\d轮/)
    .waitFor()
}

const combinedNotices = async (applicationId: string) =>
  (
    await stack.runtime.db.query<{ n: number }>(`select count(*)::int as n from messages where kind = 'theme_result' and link like $1`, [
      `%id=${applicationId}`,
    ])
  ).rows[0].n

it('clinic: questionnaire, one merged upload, one submission, two departments, one combined notice, resubmission, both approve', async () => {
  const { page } = applicant
  const first17 = '51010719870303004'
  await signIn(page, stack.baseUrl, { phone: '13712340020', realName: { name: '孙医生', idNumber: first17 + idCardCheckChar(first17) } })

  // The illustrated guide: 情形引导 decides the items; the merged checklist says what it saves.
  await page.goto(`${stack.baseUrl}/#/pages/theme/guide/index?id=clinic`)
  await visiblePage(page).getByText('情形引导', { exact: true }).waitFor()
  await visiblePage(page)
    .getByRole('img', { name: /^办理步骤/ })
    .waitFor()
  await visiblePage(page).getByText('18个工作日 · 跑2次').waitFor()
  for (const option of ['个体工商户', '诊所（含口腔诊所、中医诊所）', '不配置']) await visiblePage(page).getByRole('radio', { name: option }).click()
  await visiblePage(page).getByText('您要办理的事项（2项）').waitFor()
  await visiblePage(page).getByText('分开办要交11份，合并后只需9份，少交2份；另有1份由部门共享获取，无需提交').waitFor()
  await snap(page, 'theme-guide')
  await visiblePage(page).getByRole('button', { name: '开始申报' }).click()

  // One checklist: the lease is uploaded once, for both items.
  await visiblePage(page).getByText('合并材料清单', { exact: true }).waitFor()
  const applicationUrl = page.url()
  const applicationId = new URL(applicationUrl.replace('/#/', '/')).searchParams.get('id')!
  for (const material of [
    '个体工商户登记（备案）申请书',
    '经营场所使用证明',
    '诊所备案信息表',
    '诊所房屋平面布局图',
    '卫生技术人员名录、身份证明和执业资格证件',
    '诊所规章制度',
    '举办人主体资格证明',
  ]) {
    await choose(page, card(page, material).getByRole('button', { name: '上传文件' }), `${material}.pdf`)
    await card(page, material).getByText(`${material}.pdf`).waitFor()
  }
  await snap(page, 'theme-application')
  await visiblePage(page).getByRole('button', { name: '一次提交，分送2个部门并联审查' }).click()
  await visiblePage(page)
    .getByText(/^联审中 · /)
    .waitFor()

  // Health returns the site plan; nothing reaches the applicant until market regulation has decided too.
  await signIn(health.page, stack.baseUrl, { phone: HEALTH_REVIEWER })
  await openFromQueue(health.page)
  await decide(health.page, '诊所备案', { 诊所房屋平面布局图: '平面图未标明诊室面积' })
  expect(await combinedNotices(applicationId)).toBe(0)
  // A department cannot decide another's item: the market reviewer sees the clinic filing read-only.
  await signIn(market.page, stack.baseUrl, { phone: MARKET_REVIEWER })
  await openFromQueue(market.page)
  expect(await visiblePage(market.page).getByRole('region', { name: '诊所备案' }).getByRole('button', { name: '通过' }).count()).toBe(0)
  await decide(market.page, '个体工商户设立登记', { '个体工商户登记（备案）申请书': '经营范围填写不规范' })

  // ONE combined notice with both departments' problems.
  await page.goto(applicationUrl)
  await page.reload()
  const notice = visiblePage(page).getByRole('region', { name: '一次性告知书' })
  await notice.getByText(/^2个部门的意见已合并告知/).waitFor()
  await notice.getByText('卫生健康局（诊所备案）：平面图未标明诊室面积').waitFor()
  await notice.getByText('市场监督管理局（个体工商户设立登记）：经营范围填写不规范').waitFor()
  expect(await combinedNotices(applicationId)).toBe(1)
  await snap(page, 'theme-combined-notice')

  for (const material of ['个体工商户登记（备案）申请书', '诊所房屋平面布局图']) {
    await choose(page, card(page, material).getByRole('button', { name: `更换${material}.pdf` }), `${material}（补正）.pdf`)
    await card(page, material).getByText(`${material}（补正）.pdf`).waitFor()
  }
  await visiblePage(page).getByRole('button', { name: '补正后重新提交' }).click()
  await visiblePage(page)
    .getByText(/^联审中 · /)
    .waitFor()

  // Both departments approve the second round.
  for (const [reviewer, item] of [
    [health.page, '诊所备案'],
    [market.page, '个体工商户设立登记'],
  ] as const) {
    await openFromQueue(reviewer)
    await decide(reviewer, item, {})
  }
  await page.goto(applicationUrl)
  await page.reload()
  await visiblePage(page)
    .getByText(/^全部通过 · /)
    .waitFor()
  await visiblePage(page).getByText('已通过2/2个事项').waitFor()
  expect(await combinedNotices(applicationId)).toBe(2)
  await snap(page, 'theme-approved')
})
