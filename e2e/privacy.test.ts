/**
 * Consent and corrections as a person walks them: the login page's unticked consent box (and the policy it
 * links to, with the BFF's retention table), the separate consent at real-name binding, 我的 → 个人信息与隐私
 * with the consent records, and a phone change verified by a code sent to the new phone.
 */
import { LEGAL_DOCUMENTS } from '../src/domain/legal'
import { fillInput, openPhone, snap, startStack, tap, visiblePage, type Stack } from './harness'

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

const devCodeOn = async (view: ReturnType<typeof visiblePage>) => {
  const hint = view.getByText(/开发环境验证码：\d{6}/)
  await hint.waitFor()
  return /(\d{6})/.exec((await hint.textContent()) ?? '')![1]
}

it('asks for consent at login and at real-name binding, shows the records, and changes the phone with a code sent to the new one', async () => {
  const { page } = phone
  await page.goto(`${stack.baseUrl}/#/pages/login/index`)
  const view = visiblePage(page)
  await fillInput(page, '请输入11位手机号', '13612340001')
  await tap(page, '获取验证码')
  await fillInput(page, '请输入6位验证码', await devCodeOn(view))

  // Unticked, and signing in without ticking it goes nowhere.
  const consent = view.getByRole('checkbox', { name: /我已阅读并同意《用户服务协议》和《隐私政策》/ })
  expect(await consent.getAttribute('aria-checked')).toBe('false')
  await tap(page, '登录')
  await view.getByText('请先阅读并勾选同意《用户服务协议》和《隐私政策》').waitFor()
  expect(page.url()).toContain('pages/login/index')
  await snap(page, 'privacy-login-consent-unticked')

  // The policy opens from the box: the operator, the third parties and the BFF's retention table.
  await view.locator('.consent-check__link', { hasText: LEGAL_DOCUMENTS.privacy.title }).click()
  const policy = visiblePage(page)
  await policy.getByText(`版本 ${LEGAL_DOCUMENTS.privacy.version}`, { exact: false }).waitFor()
  await policy.getByText('五、委托处理与第三方').waitFor()
  await policy.getByText('登录会话', { exact: true }).waitFor()
  await snap(page, 'privacy-policy')
  await page.goBack()

  await visiblePage(page)
    .getByRole('checkbox', { name: /我已阅读并同意/ })
    .click()
  await tap(page, '登录')
  await visiblePage(page).getByText('实名认证', { exact: true }).waitFor()

  // Real name: its own consent to process the ID number.
  await fillInput(page, '请输入身份证上的姓名', '张三')
  await fillInput(page, '请输入18位身份证号码', '11010519491231002X')
  await tap(page, '提交认证')
  await visiblePage(page).getByText('请先阅读并勾选同意处理您的身份证号').waitFor()
  await visiblePage(page)
    .getByRole('checkbox', { name: /身份证号/ })
    .click()
  await tap(page, '提交认证')
  await page.waitForURL((url) => !url.hash.includes('pages/login/real-name'))

  await page.goto(`${stack.baseUrl}/#/pages/privacy/index`)
  const privacy = visiblePage(page)
  // The records: each document with its version, the date and where it was given.
  await privacy.getByText(`版本 ${LEGAL_DOCUMENTS.sensitive.version}（现行）`).waitFor()
  for (const document of ['terms', 'privacy', 'sensitive'] as const) {
    await privacy.getByText(LEGAL_DOCUMENTS[document].title, { exact: true }).first().waitFor()
  }
  await privacy.getByText(/\d{2}:\d{2} 实名认证时同意$/).waitFor()
  await privacy.getByText('当前登录手机号：136****0001。更换后用新手机号登录，验证码发送到新手机号。').waitFor()
  await snap(page, 'privacy-consents')

  // Phone change: a wrong code is refused, the right one moves the account.
  await fillInput(page, '请输入新的11位手机号', '13612340002')
  await tap(page, '获取验证码')
  const code = await devCodeOn(privacy)
  await fillInput(page, '请输入新手机号收到的验证码', code === '000000' ? '111111' : '000000')
  await tap(page, '更换手机号')
  await privacy.getByText('验证码不正确，还可尝试4次').waitFor()
  await fillInput(page, '请输入新手机号收到的验证码', code)
  await tap(page, '更换手机号')
  await privacy.getByText('当前登录手机号：136****0002。更换后用新手机号登录，验证码发送到新手机号。').waitFor()
  await snap(page, 'privacy-phone-changed')

  // Withdrawing the ID-number consent unbinds the real name.
  await tap(page, '撤回身份证号处理同意')
  await page.getByText('确定撤回', { exact: true }).click()
  await privacy.getByText('已撤回').waitFor()
  await page.goto(`${stack.baseUrl}/#/pages/mine/index`)
  await visiblePage(page).getByText('136****0002').first().waitFor()
})
