import { fillInput, openPhone, signIn, snap, startStack, tap, visiblePage, type Stack } from './harness'

jest.setTimeout(120_000)

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

it('logs in by SMS, refuses a wrong ID check digit, binds the real name, and finds an item and its materials', async () => {
  const { page } = phone
  await signIn(page, stack.baseUrl, { phone: '13612345678' })

  const view = visiblePage(page)
  await view.getByText('实名认证', { exact: true }).waitFor()
  await fillInput(page, '请输入身份证上的姓名', '张三')
  await fillInput(page, '请输入18位身份证号码', '110105194912310021')
  const consent = view.getByRole('checkbox', { name: /身份证号/ })
  expect(await consent.getAttribute('aria-checked')).toBe('false')
  await consent.click()
  await tap(page, '提交认证')
  await view.getByText('身份证号码校验位不正确，请核对后重新输入').waitFor()
  await snap(page, 'foundation-real-name-refused')

  await fillInput(page, '请输入18位身份证号码', '11010519491231002X')
  await tap(page, '提交认证')
  await visiblePage(page).getByText('选择服务中心', { exact: true }).waitFor()
  await visiblePage(page).getByText('天府新区政务服务中心').first().waitFor()
  await snap(page, 'foundation-home')

  await fillInput(page, '搜索事项，如“营业执照”', '食品经营')
  await tap(page, '搜索')
  const result = visiblePage(page)
    .getByText(/食品经营许可/)
    .first()
  await result.waitFor()
  await result.click()
  await visiblePage(page).getByText('必要', { exact: true }).first().waitFor()
  await visiblePage(page)
    .getByText(/营业执照|身份证明/)
    .first()
    .waitFor()
  await snap(page, 'foundation-item')

  await page.goto(`${stack.baseUrl}/#/pages/mine/index`)
  await visiblePage(page).getByText('张*').waitFor()
  await visiblePage(page)
    .getByText(/110105\*{8}002X/)
    .waitFor()
  await snap(page, 'foundation-mine')
})
