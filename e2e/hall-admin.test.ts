/**
 * Hall administration from nothing (issue 18), in the browser only: the platform administrator creates a hall
 * and grants its administrator; that administrator signs in and creates a queue category, a window and a window
 * staff account; a citizen takes a number at the new hall, and the new window's staff member calls it.
 * No code or seed is edited: every object is made through the 管理 pages.
 */
import type { Page } from 'playwright-core'
import { idCardCheckChar } from '../src/domain/id-card'
import { currentCheckinToken } from '../server/modules/queue/checkin-token'
import { openPhone, signIn, snap, startStack, tap, visiblePage, type Stack } from './harness'

jest.setTimeout(300_000)

const HALL_ID = 'huayang'
const HALL_NAME = '华阳街道便民服务中心'
const ADMIN_PHONE = '13700001801'
const STAFF_PHONE = '13700001802'
const first17 = '51010719900101123'

let stack: Stack
const phones: Awaited<ReturnType<typeof openPhone>>[] = []
beforeAll(async () => {
  stack = await startStack()
})
afterAll(async () => {
  for (const phone of phones) await phone.close()
  await stack?.close()
})

async function phoneOf(user: string, realName?: { name: string; idNumber: string }) {
  const phone = await openPhone()
  phones.push(phone)
  await signIn(phone.page, stack.baseUrl, { phone: user, realName })
  return phone.page
}

/** Types into the field labelled `label` on the visible page. */
const fill = (page: Page, label: string, value: string) => visiblePage(page).getByLabel(label, { exact: true }).fill(value)

it('a hall is set up from nothing through the 管理 pages, and serves a citizen at its new window', async () => {
  // The platform administrator: 工作台 → 服务中心管理 → 新建服务中心.
  const platform = await phoneOf('13900000000')
  await platform.goto(`${stack.baseUrl}/#/pages/staff/index/index`)
  await tap(platform, '服务中心管理')
  await tap(platform, '新建服务中心')
  const fields: [string, string][] = [
    ['服务中心编号', HALL_ID],
    ['服务中心名称', HALL_NAME],
    ['简称', '华阳街道'],
    ['地址', '四川天府新区华阳街道正东街 1 号'],
    ['咨询电话', '028-85600000'],
    ['纬度', '30.4990'],
    ['经度', '104.0520'],
    ['所在区县代码', '510116'],
  ]
  for (const [label, value] of fields) await fill(platform, label, value)
  const form = visiblePage(platform)
  await form.getByRole('radio', { name: '街道（乡镇）便民服务中心' }).click()
  await form.getByRole('radio', { name: '天府新区政务服务中心' }).click()
  await form.getByRole('button', { name: '创建服务中心' }).click()
  await form.getByText(`已创建（编号 ${HALL_ID}），请设置服务中心管理员`, { exact: true }).waitFor()
  await fill(platform, '手机号', ADMIN_PHONE)
  await form.getByRole('button', { name: '设为管理员' }).click()
  await form.getByText(`${ADMIN_PHONE.slice(0, 3)}****${ADMIN_PHONE.slice(7)}`, { exact: true }).waitFor()
  await snap(platform, 'hall-admin-granted')

  // The new administrator signs in and finds the hall in the workbench.
  const admin = await phoneOf(ADMIN_PHONE)
  await admin.goto(`${stack.baseUrl}/#/pages/staff/index/index`)
  await visiblePage(admin).getByText('管理员', { exact: true }).waitFor()
  await tap(admin, '服务中心管理')
  await visiblePage(admin).getByText(HALL_NAME, { exact: true }).waitFor()
  await visiblePage(admin).getByText('尚无排队类别', { exact: true }).waitFor()

  // A queue category…
  await tap(admin, '新建排队类别')
  await fill(admin, '类别代码', 'A')
  await fill(admin, '类别名称', '综合受理')
  await visiblePage(admin).getByRole('button', { name: '新建排队类别' }).click()
  await visiblePage(admin).getByText('A 综合受理', { exact: true }).waitFor()

  // …a window serving it…
  await tap(admin, '新建窗口')
  await fill(admin, '窗口号', '1')
  await fill(admin, '窗口名称', '综合窗口')
  await visiblePage(admin).getByRole('checkbox', { name: 'A 综合受理' }).click()
  await visiblePage(admin).getByRole('button', { name: '新建窗口' }).click()
  await visiblePage(admin).getByText('1号窗口 综合窗口', { exact: true }).waitFor()
  await snap(admin, 'hall-admin-hall')

  // …and a window staff account bound to it.
  await tap(admin, '工作人员')
  await fill(admin, '手机号', STAFF_PHONE)
  await visiblePage(admin).getByRole('radio', { name: '1号窗口' }).click()
  await visiblePage(admin).getByRole('button', { name: '邀请' }).click()
  await visiblePage(admin).getByText('窗口人员（1号窗口）', { exact: true }).waitFor()
  await snap(admin, 'hall-admin-staff')

  // A citizen takes a number at the new hall and checks in with its hall QR.
  const citizen = await phoneOf('13612341801', { name: '李娜', idNumber: first17 + idCardCheckChar(first17) })
  await citizen.goto(`${stack.baseUrl}/#/pages/queue/take/index?hallId=${HALL_ID}`)
  const take = visiblePage(citizen)
  await take.getByText('A · 综合受理', { exact: true }).waitFor()
  await take.getByRole('button', { name: '取号' }).first().click()
  await visiblePage(citizen).getByText('A001', { exact: true }).waitFor()
  const { token } = currentCheckinToken(stack.runtime.keys, HALL_ID, stack.runtime.clock.now())
  await citizen.goto(`${stack.baseUrl}/#/pages/queue/checkin/index?token=${encodeURIComponent(token)}`)
  await tap(citizen, '为 A001 签到')
  await visiblePage(citizen).getByText('排队中', { exact: true }).waitFor()

  // The new window's staff member calls it.
  const staff = await phoneOf(STAFF_PHONE)
  await staff.goto(`${stack.baseUrl}/#/pages/staff/index/index`)
  await tap(staff, '窗口叫号')
  const desk = visiblePage(staff)
  await desk.getByRole('button', { name: '叫下一位' }).click()
  await desk.getByText('A001', { exact: true }).waitFor()
  await visiblePage(citizen).getByText('请到 1 号窗口', { exact: true }).waitFor()
  await snap(staff, 'hall-admin-window-called')

  // Every step is in the hall's history, who and what.
  await admin.goto(`${stack.baseUrl}/#/pages/admin/history/index?hallId=${HALL_ID}`)
  const history = visiblePage(admin)
  for (const action of ['新建服务中心', '新建排队类别', '新建窗口']) await history.getByText(action, { exact: true }).waitFor()
  expect(await history.getByText('邀请工作人员', { exact: true }).count()).toBe(2)
})
