/**
 * 好差评 end to end (issue 21): a number taken and served at window 1 invites its citizen, who rates it 不满意;
 * the hall's administrator records 回访 and 整改; the citizen sees both on the rating page.
 */
import { idCardCheckChar } from '../src/domain/id-card'
import { currentCheckinToken } from '../server/modules/queue/checkin-token'
import { fillInput, openPhone, signIn, snap, startStack, tap, visiblePage, type Stack } from './harness'

jest.setTimeout(300_000)

let stack: Stack
let citizen: Awaited<ReturnType<typeof openPhone>>
let staff: Awaited<ReturnType<typeof openPhone>>
beforeAll(async () => {
  stack = await startStack()
  citizen = await openPhone()
  staff = await openPhone()
})
afterAll(async () => {
  await citizen?.close()
  await staff?.close()
  await stack?.close()
})

const first17 = '51010719880315456'

it('take a number → the window finishes → the citizen rates 不满意 → the manager visits and rectifies → the citizen sees the outcome', async () => {
  const { page } = citizen
  await signIn(page, stack.baseUrl, { phone: '13612340521', realName: { name: '欧阳明', idNumber: first17 + idCardCheckChar(first17) } })
  await page.goto(`${stack.baseUrl}/#/pages/queue/take/index?hallId=tianfu`)
  await visiblePage(page).getByRole('button', { name: '取号' }).first().click()
  await visiblePage(page).getByText('待签到', { exact: true }).waitFor()
  const { token } = currentCheckinToken(stack.runtime.keys, 'tianfu', stack.runtime.clock.now())
  await page.goto(`${stack.baseUrl}/#/pages/queue/checkin/index?token=${encodeURIComponent(token)}`)
  await visiblePage(page)
    .getByRole('button', { name: /^为 A\d{3} 签到$/ })
    .click()
  await visiblePage(page).getByText('排队中', { exact: true }).waitFor()

  // Window 1 calls, serves and finishes the number.
  await signIn(staff.page, stack.baseUrl, { phone: '13900000001' })
  await staff.page.goto(`${stack.baseUrl}/#/pages/staff/queue/window/index?hallId=tianfu`)
  const desk = visiblePage(staff.page)
  await desk.getByRole('button', { name: '叫下一位' }).click()
  await desk.getByRole('button', { name: '开始办理' }).click()
  await desk.getByRole('button', { name: '办结' }).click()
  await desk.getByText(/今日已办结 1 人$/).waitFor()

  // The invitation job (every second here) offers the service on 我的 → 服务评价: the list is opened once it has.
  const invitedBy = Date.now() + 30_000
  while ((await stack.runtime.db.query('select 1 from rating_services')).rowCount === 0) {
    if (Date.now() > invitedBy) throw new Error('no rating invitation within 30 s')
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
  await page.goto(`${stack.baseUrl}/#/pages/rating/index`)
  const list = visiblePage(page)
  await list.getByText('待评价', { exact: true }).waitFor()
  await list.getByText(/^取号 A\d{3} · 1号窗口$/).click()
  const rate = visiblePage(page)
  await rate.getByRole('radio', { name: '不满意', exact: true }).click()
  await rate.getByRole('checkbox', { name: '办理时间长、等候久', exact: true }).click()
  await fillInput(page, '您的意见和建议', '排队时间太长')
  await snap(page, 'rating-rate')
  await tap(page, '提交评价')
  await rate.getByText('差评处理：待回访', { exact: true }).waitFor()

  // The hall's administrator records 回访, then 整改.
  await signIn(staff.page, stack.baseUrl, { phone: '13900000005' })
  await staff.page.goto(`${stack.baseUrl}/#/pages/rating/follow-ups/index?hallId=tianfu`)
  const followUps = visiblePage(staff.page)
  await followUps.getByText('“排队时间太长”', { exact: true }).waitFor()
  await followUps.getByText(/评价人 欧\*\*/).waitFor()
  await fillInput(staff.page, '将反馈给评价人', '已电话联系，说明当日业务量大')
  await tap(staff.page, '记录回访')
  await followUps.getByRole('button', { name: '记录整改' }).waitFor()
  await fillInput(staff.page, '将反馈给评价人', '高峰时段增开综合窗口')
  await tap(staff.page, '记录整改')
  await followUps.getByText('已整改', { exact: true }).waitFor()
  await snap(staff.page, 'rating-follow-ups')

  // The citizen sees the outcome.
  await page.reload()
  await visiblePage(page).getByText('差评处理：已整改', { exact: true }).waitFor()
  await visiblePage(page).getByText('已电话联系，说明当日业务量大', { exact: true }).waitFor()
  await visiblePage(page).getByText('高峰时段增开综合窗口', { exact: true }).waitFor()
  await snap(page, 'rating-outcome')
})
