import type { Locator, Page } from 'playwright-core'
import { idCardCheckChar } from '../src/domain/id-card'
import { blankPhoto, documentPhoto, simplePdf } from '../__tests__/server/review-fixtures'
import { fillInput, openPhone, signIn, snap, startStack, tap, visiblePage, type Stack } from './harness'

/** The applicant's status line after submitting, with the answer deadline the BFF computed (the reviewer sees the same instant). */
const SUBMITTED = /^已提交，等待预审人员审核（承诺1个工作日内答复，即\d{4}-\d{2}-\d{2} \d{2}:\d{2}前）。$/

jest.setTimeout(180_000)

let stack: Stack
let applicant: Awaited<ReturnType<typeof openPhone>>
let reviewer: Awaited<ReturnType<typeof openPhone>>
beforeAll(async () => {
  stack = await startStack()
  applicant = await openPhone()
  reviewer = await openPhone()
})
afterAll(async () => {
  await applicant?.close()
  await reviewer?.close()
  await stack?.close()
})

const material = (page: Page, name: string) => visiblePage(page).getByRole('group', { name })

/** A screenshot once the page has finished sliding in. */
async function settledSnap(page: Page, name: string) {
  await page.waitForTimeout(600)
  await snap(page, name)
}

/** Chooses a file the way a person does on H5: the button opens the system file picker. */
async function choose(page: Page, button: Locator, file: { name: string; mimeType: string; buffer: Buffer }) {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), button.click()])
  await chooser.setFiles(file)
}

it('uploads, is refused a blank photo at once, gets one notice, replaces the file and is approved', async () => {
  const { page } = applicant
  const first17 = '51010719880214006'
  await signIn(page, stack.baseUrl, { phone: '13712340001', realName: { name: '刘芳', idNumber: first17 + idCardCheckChar(first17) } })

  // Home → 材料预审 → find the item → its checklist → a draft.
  await visiblePage(page).getByText('选择服务中心', { exact: true }).waitFor()
  await tap(page, '材料预审')
  await visiblePage(page).getByText('选择办理事项', { exact: true }).waitFor()
  await fillInput(page, '搜索事项，如“社保卡”', '社保卡')
  // The home page (a tab page) stays in the DOM with a 搜索 button of its own.
  await visiblePage(page).locator('.rv__search-btn').click()
  await visiblePage(page).getByText('社会保障卡申领', { exact: true }).click()
  await visiblePage(page).getByText('材料清单（4项）').waitFor()
  await settledSnap(page, 'review-checklist')
  await visiblePage(page).getByRole('button', { name: '开始预审，上传材料' }).click()
  await visiblePage(page).getByText('请按清单上传材料，自动检查通过后提交预审。').waitFor()

  // A PDF for the ID card; a blank photo (refused at once, with the reason), then a clear one.
  const idCard = material(page, '居民身份证')
  await choose(page, idCard.getByRole('button', { name: '上传文件' }), { name: '身份证.pdf', mimeType: 'application/pdf', buffer: await simplePdf(2) })
  await idCard.getByText('身份证.pdf').waitFor()
  await idCard.getByText(/共2页/).first().waitFor()

  const photo = material(page, '本人近期免冠彩色证件照')
  await choose(page, photo.getByRole('button', { name: '上传文件' }), { name: 'blank.jpg', mimeType: 'image/jpeg', buffer: await blankPhoto() })
  const refusal = photo.getByText('未通过检查：图片几乎是空白的，没有拍到材料内容，请对准材料重新拍摄')
  await refusal.waitFor()
  await refusal.scrollIntoViewIfNeeded()
  await snap(page, 'review-blank-refused')
  await photo.getByRole('button', { name: '删除blank.jpg' }).click()
  await choose(page, photo.getByRole('button', { name: '上传文件' }), { name: '证件照.jpg', mimeType: 'image/jpeg', buffer: await documentPhoto() })
  await photo.getByText('证件照.jpg').waitFor()
  await photo.getByText(/清晰度合格/).waitFor()
  await snap(page, 'review-uploaded')

  await visiblePage(page).getByRole('button', { name: '提交预审' }).click()
  await visiblePage(page).getByText(SUBMITTED).waitFor()
  const caseUrl = page.url()

  // The reviewer of the hall returns the photo with a reason.
  const staff = reviewer.page
  await signIn(staff, stack.baseUrl, { phone: '13900000003' })
  await visiblePage(staff).getByText('选择服务中心', { exact: true }).waitFor()
  await staff.goto(`${stack.baseUrl}/#/pages/staff/index/index`)
  // The home page (with its own 材料预审 service) stays in the DOM: click the workbench's entry.
  await visiblePage(staff).locator('.workbench__entry', { hasText: '材料预审' }).click()
  await visiblePage(staff).getByText('待预审办件', { exact: true }).waitFor()
  await settledSnap(staff, 'review-queue')
  await visiblePage(staff).getByText('社会保障卡申领', { exact: true }).click()
  await visiblePage(staff).getByText('预审中', { exact: true }).first().waitFor()

  // Every file can be read: the photo in the zoomable viewer, the PDF itself in a new tab.
  await material(staff, '本人近期免冠彩色证件照').getByRole('button', { name: '查看证件照.jpg' }).click()
  const viewer = staff.locator('.preview-image img')
  await viewer.waitFor()
  expect(await viewer.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(1240)
  await snap(staff, 'review-reviewer-photo')
  await staff.locator('.preview-image').click()
  const [pdfTab] = await Promise.all([
    reviewer.context.waitForEvent('page'),
    material(staff, '居民身份证').getByRole('button', { name: '查看身份证.pdf' }).click(),
  ])
  expect(pdfTab.url()).toMatch(/^blob:/)
  await pdfTab.close()
  await material(staff, '居民身份证').getByRole('button', { name: '通过' }).click()
  await material(staff, '居民身份证').getByText('已通过').waitFor()
  const returned = material(staff, '本人近期免冠彩色证件照')
  await returned.getByRole('button', { name: '有问题' }).click()
  await returned.getByText('材料与要求不符', { exact: true }).click()
  await returned.locator('textarea').fill('请上传白色背景的证件照')
  await returned.getByRole('button', { name: '保存问题' }).click()
  await returned.getByText('材料与要求不符；请上传白色背景的证件照', { exact: true }).waitFor()
  await snap(staff, 'review-reviewer-marks')
  await visiblePage(staff).getByRole('button', { name: '需补正（一次性告知）' }).click()
  // Sending the notice binds the applicant to a deadline: the reviewer confirms, told who is notified of what.
  await staff.getByText(/列明“本人近期免冠彩色证件照”及补正要求/).waitFor()
  await snap(staff, 'review-reviewer-confirm-notice')
  await staff.locator('.taro__modal .taro-model__btn', { hasText: '发送通知' }).filter({ visible: true }).click()
  await visiblePage(staff).getByRole('region', { name: '材料补正一次性告知书' }).waitFor()

  // The applicant sees ONE notice, replaces only that file and resubmits.
  await page.goto(caseUrl)
  await page.reload()
  const notice = visiblePage(page).getByRole('region', { name: '材料补正一次性告知书' })
  await notice.getByText('1. 本人近期免冠彩色证件照').waitFor()
  await notice.getByText('问题：材料与要求不符；请上传白色背景的证件照').waitFor()
  await notice.getByText(/^期限：\d{4}-\d{2}-\d{2}前$/).waitFor()
  await snap(page, 'review-notice')
  expect(
    await material(page, '居民身份证')
      .getByRole('button', { name: /更换|删除|上传/ })
      .count(),
  ).toBe(0)
  await choose(page, material(page, '本人近期免冠彩色证件照').getByRole('button', { name: '更换证件照.jpg' }), {
    name: '白底证件照.jpg',
    mimeType: 'image/jpeg',
    buffer: await documentPhoto({ seed: 3 }),
  })
  await material(page, '本人近期免冠彩色证件照').getByText('白底证件照.jpg').waitFor()
  await visiblePage(page).getByRole('button', { name: '重新提交' }).click()
  await visiblePage(page).getByText(SUBMITTED).waitFor()

  // The reviewer approves the new photo.
  await staff.goto(`${stack.baseUrl}/#/pages/staff/review/queue/index?hallId=tianfu`)
  await staff.reload()
  await visiblePage(staff)
    .getByText(/补正后重新提交/)
    .waitFor()
  await visiblePage(staff).getByText('社会保障卡申领', { exact: true }).click()
  await material(staff, '本人近期免冠彩色证件照').getByRole('button', { name: '通过' }).click()
  await material(staff, '本人近期免冠彩色证件照').getByText('已通过').waitFor()
  await visiblePage(staff).getByRole('button', { name: '预审通过' }).click()
  await visiblePage(staff).getByText('预审通过', { exact: true }).first().waitFor()

  // The applicant sees 预审通过 and the next step.
  await page.goto(caseUrl)
  await page.reload()
  await visiblePage(page).getByText('预审通过。请预约或到厅取号办理，携带材料原件，一次办结。').waitFor()
  await visiblePage(page).getByRole('button', { name: '预约办理' }).waitFor()
  await visiblePage(page).getByRole('button', { name: '网上取号' }).waitFor()
  await snap(page, 'review-approved')

  await page.goto(`${stack.baseUrl}/#/pages/review/mine/index`)
  await visiblePage(page).getByText('社会保障卡申领', { exact: true }).waitFor()
  await visiblePage(page).getByText('预审通过', { exact: true }).waitFor()
})
