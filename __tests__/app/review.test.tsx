import { act, screen, waitFor, within } from '@testing-library/react'
import Taro from '@tarojs/taro'
import ChecklistPage from '../../src/pages/review/checklist/index'
import CasePage from '../../src/pages/review/case/index'
import ReviewerQueuePage from '../../src/pages/staff/review/queue/index'
import ReviewerCasePage from '../../src/pages/staff/review/case/index'
import { DEFERRAL_PLEDGE } from '../../src/domain/review'
import { SERVICES } from '../../src/pages/index/services'
import { uploadCaseFile, type CaseDetail, type CaseFile, type CaseMaterial, type QueueEntry } from '../../src/services/review'
import { useReviewUploads } from '../../src/stores/review'
import { useSession } from '../../src/stores/session'
import { headerOf, mockBff } from './support/bff'
import { ITEM_DETAIL, TOKEN, VERIFIED, me, session, fixture } from './support/fixtures'
import { renderPage, resetApp, spyNavigation, tap } from './support/render'
import { CaseDetailSchema, CaseMaterialSchema, FileSchema, QueueEntrySchema } from '../../server/modules/review/schemas'

const CASE_ID = '5b1f0c1e-8d4a-4c7e-9a51-0f2d3c4b5a69'

const material = (code: string, overrides: Partial<CaseMaterial> = {}): CaseMaterial =>
  fixture(CaseMaterialSchema, {
    ...ITEM_DETAIL.materials.find((m) => m.code === code)!,
    exempt: false,
    deferred: false,
    verdict: null,
    reasons: [],
    reviewNote: null,
    editable: true,
    files: [],
    ...overrides,
  })

const photo = (overrides: Partial<CaseFile> = {}): CaseFile =>
  fixture(FileSchema, {
    id: 'f-photo',
    materialCode: 'premises',
    name: '场所照片.jpg',
    kind: 'image',
    mimeType: 'image/jpeg',
    sizeBytes: 812_000,
    sha256: 'a'.repeat(64),
    width: 3024,
    height: 4032,
    pages: null,
    checks: ['按内容识别为JPG图片', '分辨率3024×4032', '非空白', '清晰度合格'],
    createdAt: '2026-11-24T02:00:00.000Z',
    ...overrides,
  })

const caseDetail = (overrides: Partial<CaseDetail> = {}): CaseDetail =>
  fixture(CaseDetailSchema, {
    id: CASE_ID,
    caseNumber: 'YS-20261124-000007',
    status: 'draft',
    itemId: ITEM_DETAIL.id,
    itemName: ITEM_DETAIL.name,
    hallId: 'tianfu',
    hallName: '天府新区政务服务中心',
    createdAt: '2026-11-24T02:00:00.000Z',
    updatedAt: '2026-11-24T02:00:00.000Z',
    submittedAt: null,
    fixDueDate: null,
    supplementDueDate: null,
    item: { id: ITEM_DETAIL.id, name: ITEM_DETAIL.name, department: ITEM_DETAIL.department, promisedDays: 1, resultLicence: '营业执照' },
    materials: [material('application'), material('premises'), material('id-card', { exempt: true, editable: false })],
    notice: null,
    pledge: null,
    usedBytes: 0,
    limits: { perMaterial: 10, perCaseBytes: 50 * 1024 * 1024 },
    history: [{ fromStatus: null, toStatus: 'draft', actor: 'applicant', note: '创建草稿', at: '2026-11-24T02:00:00.000Z' }],
    deadline: null,
    ...overrides,
  })

type Answer = { status: number; body: unknown } | 'network-error'

/** The BFF behind the H5 uploader (XMLHttpRequest with the File): progress, then the given answers in turn. */
function mockUpload(answers: Answer[]) {
  const calls: { url: string; headers: Record<string, string>; file: File; fileName: string }[] = []
  class FakeXhr {
    status = 0
    responseText = ''
    timeout = 0
    upload: { onprogress: ((event: { lengthComputable: boolean; loaded: number; total: number }) => void) | null } = { onprogress: null }
    onload: (() => void) | null = null
    onerror: (() => void) | null = null
    ontimeout: (() => void) | null = null
    private url = ''
    private headers: Record<string, string> = {}
    open(_method: string, url: string) {
      this.url = url
    }
    setRequestHeader(name: string, value: string) {
      this.headers[name] = value
    }
    send(form: FormData) {
      const file = form.get('file') as File
      calls.push({ url: this.url, headers: this.headers, file, fileName: file.name })
      const answer = answers[calls.length - 1]
      this.upload.onprogress?.({ lengthComputable: true, loaded: 40, total: 100 })
      setTimeout(() => {
        if (answer === 'network-error') return this.onerror?.()
        this.status = answer.status
        this.responseText = JSON.stringify(answer.body)
        this.onload?.()
      }, 10)
    }
  }
  const original = globalThis.XMLHttpRequest
  globalThis.XMLHttpRequest = FakeXhr as unknown as typeof XMLHttpRequest
  afterCleanup.push(() => (globalThis.XMLHttpRequest = original))
  return { calls }
}

const afterCleanup: Array<() => void> = []
afterEach(() => afterCleanup.splice(0).forEach((undo) => undo()))

/** The H5 file input: choosing files fires `change` with these files. */
function chooseFiles(files: File[]) {
  let url = 0
  Object.assign(URL, { createObjectURL: () => `blob:http://localhost/${++url}` })
  return jest.spyOn(HTMLInputElement.prototype, 'click').mockImplementation(function (this: HTMLInputElement) {
    Object.defineProperty(this, 'files', { value: files, configurable: true })
    this.dispatchEvent(new Event('change'))
  })
}

beforeEach(() => {
  resetApp()
  jest.restoreAllMocks()
  useReviewUploads.setState({ tasks: [] })
})

describe('checklist', () => {
  test('lists every material with its necessity, then creates a draft and opens it', async () => {
    useSession.getState().signIn(session(me({ realName: VERIFIED })))
    const bff = mockBff({
      [`GET /api/v1/items/${ITEM_DETAIL.id}`]: { body: { item: ITEM_DETAIL } },
      'POST /api/v1/cases': { status: 201, body: { case: caseDetail() } },
    })
    const nav = spyNavigation()
    renderPage(ChecklistPage, '/pages/review/checklist/index', { itemId: ITEM_DETAIL.id, hallId: 'tianfu' })

    expect(await screen.findByText('材料清单（3项）')).toBeTruthy()
    const card = (name: string) => within(screen.getByText(name).closest('.rv__material') as HTMLElement)
    expect(card('个体工商户登记（备案）申请书').getByText('必要')).toBeTruthy()
    expect(card('个体工商户登记（备案）申请书').getByText('主要材料')).toBeTruthy()
    expect(card('个体工商户登记（备案）申请书').getByText('有空白表格（窗口或官网领取）')).toBeTruthy()
    expect(card('个体工商户登记（备案）申请书').getByText('有填写示例')).toBeTruthy()
    expect(card('经营场所使用证明').getByText('容缺后补')).toBeTruthy()
    expect(card('经营场所使用证明').getByText('复印件 1份 · PDF、JPG · 每个文件不超过10MB')).toBeTruthy()
    expect(card('经营者身份证').getByText('免提交：通过电子证照库调取，无需上传')).toBeTruthy()
    // The count says what it counts: the 非必要 and 免提交 materials are not "须上传".
    expect(screen.getByText(/需由您上传2项：必要1项、可容缺后补1项。$/)).toBeTruthy()

    tap(screen.getByRole('button', { name: '开始预审，上传材料' }))
    await waitFor(() => expect(nav.redirectTo).toHaveBeenCalledWith({ url: `/pages/review/case/index?id=${CASE_ID}` }))
    expect(bff.find('POST', '/api/v1/cases')[0].body).toEqual({ itemId: ITEM_DETAIL.id, hallId: 'tianfu' })
  })

  test('sends a signed-out user to log in first, and creates nothing', async () => {
    const bff = mockBff({ [`GET /api/v1/items/${ITEM_DETAIL.id}`]: { body: { item: ITEM_DETAIL } } })
    const nav = spyNavigation()
    renderPage(ChecklistPage, '/pages/review/checklist/index', { itemId: ITEM_DETAIL.id, hallId: 'tianfu' })
    tap(await screen.findByRole('button', { name: '开始预审，上传材料' }))
    expect(nav.navigateTo).toHaveBeenCalledWith({ url: expect.stringMatching(/^\/pages\/login\/index\?redirect=/) })
    expect(bff.find('POST', '/api/v1/cases')).toHaveLength(0)
  })
})

describe('case page uploads', () => {
  beforeEach(() => useSession.getState().signIn(session(me({ realName: VERIFIED }))))

  test('uploads a chosen file with progress and the session token, then shows its checks', async () => {
    let loads = 0
    mockBff({
      [`GET /api/v1/cases/${CASE_ID}`]: () => ({
        body: {
          case:
            ++loads === 1
              ? caseDetail()
              : caseDetail({
                  materials: [material('application'), material('premises', { files: [photo()] }), material('id-card', { exempt: true, editable: false })],
                }),
        },
      }),
    })
    const upload = mockUpload([{ status: 201, body: { file: photo() } }])
    chooseFiles([new File(['jpeg'], '场所照片.jpg', { type: 'image/jpeg' })])
    renderPage(CasePage, '/pages/review/case/index', { id: CASE_ID })

    const premises = within((await screen.findByRole('group', { name: '经营场所使用证明' })) as HTMLElement)
    tap(premises.getByRole('button', { name: '上传文件' }))
    expect(await premises.findByText('正在上传 40%')).toBeTruthy()
    expect(await premises.findByText('✓ 按内容识别为JPG图片 ✓ 分辨率3024×4032 ✓ 非空白 ✓ 清晰度合格')).toBeTruthy()
    expect(premises.queryByText(/正在上传/)).toBeNull()
    expect(upload.calls[0]).toMatchObject({ url: `/api/v1/cases/${CASE_ID}/materials/premises/files`, fileName: '场所照片.jpg' })
    expect(upload.calls[0].headers).toEqual({ Authorization: `Bearer ${TOKEN}` })
  })

  test('shows the reason a file was refused at once, next to that material, without retrying', async () => {
    mockBff({ [`GET /api/v1/cases/${CASE_ID}`]: { body: { case: caseDetail() } } })
    const upload = mockUpload([{ status: 422, body: { code: 'IMAGE_BLANK', message: '图片几乎是空白的，没有拍到材料内容，请对准材料重新拍摄' } }])
    chooseFiles([new File(['jpeg'], 'blank.jpg', { type: 'image/jpeg' })])
    renderPage(CasePage, '/pages/review/case/index', { id: CASE_ID })

    const premises = within((await screen.findByRole('group', { name: '经营场所使用证明' })) as HTMLElement)
    tap(premises.getByRole('button', { name: '上传文件' }))
    const alert = await premises.findByRole('alert')
    expect(alert.textContent).toBe('未通过检查：图片几乎是空白的，没有拍到材料内容，请对准材料重新拍摄')
    expect(premises.queryByRole('button', { name: '重试上传blank.jpg' })).toBeNull()
    tap(premises.getByRole('button', { name: '删除blank.jpg' }))
    expect(premises.queryByRole('alert')).toBeNull()
    expect(upload.calls).toHaveLength(1)
  })

  test('refuses an oversized file before sending it', async () => {
    mockBff({ [`GET /api/v1/cases/${CASE_ID}`]: { body: { case: caseDetail() } } })
    const upload = mockUpload([])
    const big = new File(['x'], 'scan.pdf', { type: 'application/pdf' })
    Object.defineProperty(big, 'size', { value: 6 * 1024 * 1024 })
    chooseFiles([big])
    renderPage(CasePage, '/pages/review/case/index', { id: CASE_ID })

    const application = within((await screen.findByRole('group', { name: '个体工商户登记（备案）申请书' })) as HTMLElement)
    tap(application.getByRole('button', { name: '上传文件' }))
    expect((await application.findByRole('alert')).textContent).toBe('未通过检查：文件超过5MB上限，请压缩后重新上传')
    expect(upload.calls).toHaveLength(0)
  })

  test('offers a retry after a network failure, and the retry sends the same file again', async () => {
    mockBff({ [`GET /api/v1/cases/${CASE_ID}`]: { body: { case: caseDetail() } } })
    const upload = mockUpload(['network-error', { status: 201, body: { file: photo() } }])
    const chosen = new File(['jpeg'], 'photo.jpg', { type: 'image/jpeg' })
    chooseFiles([chosen])
    renderPage(CasePage, '/pages/review/case/index', { id: CASE_ID })

    const premises = within((await screen.findByRole('group', { name: '经营场所使用证明' })) as HTMLElement)
    tap(premises.getByRole('button', { name: '上传文件' }))
    expect((await premises.findByRole('alert')).textContent).toBe('上传失败：网络连接失败，请检查网络后重试')
    tap(premises.getByRole('button', { name: '重试上传photo.jpg' }))
    await waitFor(() => expect(premises.queryByRole('alert')).toBeNull())
    expect(upload.calls.map((c) => c.file)).toEqual([chosen, chosen])
  })
})

describe('submitting and the notices', () => {
  beforeEach(() => useSession.getState().signIn(session(me({ realName: VERIFIED }))))

  test('容缺 needs the pledge confirmed; the submission carries the choice and the pledge version', async () => {
    const ready = caseDetail({
      materials: [
        material('application', { files: [photo({ id: 'f-app', materialCode: 'application', name: '申请书.pdf', kind: 'pdf', pages: 2 })] }),
        material('premises'),
        material('id-card', { exempt: true, editable: false }),
      ],
    })
    const bff = mockBff({
      [`GET /api/v1/cases/${CASE_ID}`]: { body: { case: ready } },
      [`POST /api/v1/cases/${CASE_ID}/submit`]: { body: { case: { ...ready, status: 'submitted', submittedAt: '2026-11-24T02:00:00.000Z' } } },
    })
    renderPage(CasePage, '/pages/review/case/index', { id: CASE_ID })

    tap(await screen.findByRole('checkbox', { name: '容缺后补：经营场所使用证明' }))
    expect(screen.getByText(`《${DEFERRAL_PLEDGE.title}》`)).toBeTruthy()
    expect(screen.getByText('补交期限：提交之日起1个工作日内（不超过本事项承诺时限），具体日期以告知书为准')).toBeTruthy()
    expect(screen.getByText(`逾期后果：${DEFERRAL_PLEDGE.consequence}`)).toBeTruthy()
    const submit = screen.getByRole('button', { name: '提交预审' })
    expect(submit.getAttribute('aria-disabled')).toBe('true')
    tap(screen.getByRole('checkbox', { name: `我已阅读并同意《${DEFERRAL_PLEDGE.title}》` }))
    tap(screen.getByRole('button', { name: '提交预审' }))

    expect(await screen.findByText('已提交，等待预审人员审核（承诺1个工作日内答复）。')).toBeTruthy()
    const sent = bff.find('POST', `/api/v1/cases/${CASE_ID}/submit`)[0]
    expect(sent.body).toEqual({ deferredCodes: ['premises'], pledgeVersion: DEFERRAL_PLEDGE.version })
    expect(headerOf(sent, 'Authorization')).toBe(`Bearer ${TOKEN}`)
  })

  test('says what is still missing from the current materials, and stops saying it as the files arrive', async () => {
    let loads = 0
    const appFile = photo({ id: 'f-app', materialCode: 'application', name: '申请书.pdf', kind: 'pdf', pages: 2 })
    const bff = mockBff({
      [`GET /api/v1/cases/${CASE_ID}`]: () => ({
        body: {
          case:
            ++loads === 1
              ? caseDetail()
              : caseDetail({
                  materials: [material('application', { files: [appFile] }), material('premises'), material('id-card', { exempt: true, editable: false })],
                }),
        },
      }),
    })
    mockUpload([{ status: 201, body: { file: appFile } }])
    chooseFiles([new File(['%PDF'], '申请书.pdf', { type: 'application/pdf' })])
    renderPage(CasePage, '/pages/review/case/index', { id: CASE_ID })

    expect(await screen.findByText('请先上传：「个体工商户登记（备案）申请书」、「经营场所使用证明」（其中「经营场所使用证明」可选择容缺后补）')).toBeTruthy()
    expect(screen.getByRole('button', { name: '提交预审' }).getAttribute('aria-disabled')).toBe('true')

    const application = within(screen.getByRole('group', { name: '个体工商户登记（备案）申请书' }) as HTMLElement)
    tap(application.getByRole('button', { name: '上传文件' }))
    expect(await screen.findByText('请先上传：「经营场所使用证明」（其中「经营场所使用证明」可选择容缺后补）')).toBeTruthy()
    expect(screen.queryByText(/个体工商户登记（备案）申请书」、/)).toBeNull()

    tap(screen.getByRole('checkbox', { name: '容缺后补：经营场所使用证明' }))
    expect(screen.queryByText(/^请先上传/)).toBeNull()
    expect(bff.find('POST', `/api/v1/cases/${CASE_ID}/submit`)).toHaveLength(0)
  })

  test('a refusal from the BFF stays only while the case is as it was: a new file clears it', async () => {
    let loads = 0
    const appFile = photo({ id: 'f-app', materialCode: 'application', name: '申请书.pdf', kind: 'pdf', pages: 2 })
    const complete = caseDetail({
      materials: [
        material('application', { files: [appFile] }),
        material('premises', { files: [photo()] }),
        material('id-card', { exempt: true, editable: false }),
      ],
    })
    const again = photo({ id: 'f-photo-2', name: '场所照片2.jpg' })
    mockBff({
      [`GET /api/v1/cases/${CASE_ID}`]: () => ({
        body: {
          case:
            ++loads === 1
              ? complete
              : caseDetail({
                  materials: [
                    material('application', { files: [appFile] }),
                    material('premises', { files: [photo(), again] }),
                    material('id-card', { exempt: true, editable: false }),
                  ],
                }),
        },
      }),
      // The photo was removed on another device meanwhile: this page's copy was out of date.
      [`POST /api/v1/cases/${CASE_ID}/submit`]: {
        status: 422,
        body: { code: 'MATERIALS_MISSING', message: '请先上传：「经营场所使用证明」（其中「经营场所使用证明」可选择容缺后补）' },
      },
    })
    mockUpload([{ status: 201, body: { file: again } }])
    chooseFiles([new File(['jpeg'], '场所照片2.jpg', { type: 'image/jpeg' })])
    renderPage(CasePage, '/pages/review/case/index', { id: CASE_ID })

    tap(await screen.findByRole('button', { name: '提交预审' }))
    expect((await screen.findByRole('alert')).textContent).toBe('请先上传：「经营场所使用证明」（其中「经营场所使用证明」可选择容缺后补）')
    const premises = within(screen.getByRole('group', { name: '经营场所使用证明' }) as HTMLElement)
    tap(premises.getByRole('button', { name: '继续上传' }))
    // Waits on a condition (with room for a busy machine), then the refusal is gone with the data it answered.
    await waitFor(() => expect(loads).toBe(2))
    await waitFor(() => expect(premises.getByText('场所照片2.jpg')).toBeTruthy())
    expect(screen.queryByRole('alert')).toBeNull()
    expect(screen.queryByText(/请先上传/)).toBeNull()
  })

  test('after submitting, a file the checks refused is no longer listed and offers no 删除', async () => {
    const appFile = photo({ id: 'f-app', materialCode: 'application', name: '申请书.pdf', kind: 'pdf', pages: 2 })
    const complete = caseDetail({
      materials: [
        material('application', { files: [appFile] }),
        material('premises', { files: [photo()] }),
        material('id-card', { exempt: true, editable: false }),
      ],
    })
    const submitted: CaseDetail = fixture(CaseDetailSchema, {
      ...complete,
      status: 'submitted',
      submittedAt: '2026-11-24T02:05:00.000Z',
      materials: complete.materials.map((m) => ({ ...m, editable: false })),
      history: [...complete.history, { fromStatus: 'draft', toStatus: 'submitted', actor: 'applicant', note: '提交预审', at: '2026-11-24T02:05:00.000Z' }],
    })
    mockBff({
      [`GET /api/v1/cases/${CASE_ID}`]: { body: { case: complete } },
      [`POST /api/v1/cases/${CASE_ID}/submit`]: { body: { case: submitted } },
    })
    mockUpload([{ status: 422, body: { code: 'IMAGE_BLANK', message: '图片几乎是空白的，没有拍到材料内容，请对准材料重新拍摄' } }])
    chooseFiles([new File(['jpeg'], 'blank.jpg', { type: 'image/jpeg' })])
    renderPage(CasePage, '/pages/review/case/index', { id: CASE_ID })

    const premises = within((await screen.findByRole('group', { name: '经营场所使用证明' })) as HTMLElement)
    tap(premises.getByRole('button', { name: '继续上传' }))
    expect((await premises.findByRole('alert')).textContent).toBe('未通过检查：图片几乎是空白的，没有拍到材料内容，请对准材料重新拍摄')
    tap(screen.getByRole('button', { name: '提交预审' }))

    expect(await screen.findByText('已提交，等待预审人员审核（承诺1个工作日内答复）。')).toBeTruthy()
    expect(screen.queryByText('blank.jpg')).toBeNull()
    expect(screen.queryByRole('button', { name: '删除blank.jpg' })).toBeNull()
    expect(screen.queryByRole('alert')).toBeNull()
  })

  test('需补正: one notice with every item; only the returned material can be replaced', async () => {
    const fix = caseDetail({
      status: 'needs_fix',
      fixDueDate: '2026-12-01',
      materials: [
        material('application', {
          editable: false,
          verdict: 'pass',
          files: [photo({ id: 'f-app', materialCode: 'application', name: '申请书.pdf', kind: 'pdf', pages: 2 })],
        }),
        material('premises', { verdict: 'problem', reasons: ['文件不清晰，无法辨认'], reviewNote: '请重新拍摄', files: [photo()] }),
        material('id-card', { exempt: true, editable: false }),
      ],
      notice: {
        id: 'n1',
        kind: 'needs_fix',
        issuedAt: '2026-11-24T03:00:00.000Z',
        dueDate: '2026-12-01',
        items: [
          {
            materialCode: 'premises',
            materialName: '经营场所使用证明',
            problem: '文件不清晰，无法辨认；请重新拍摄',
            requirement: '复印件1份；电子文件PDF/JPG格式、不超过10MB；',
            dueDate: '2026-12-01',
          },
        ],
        reason: null,
        competentAuthority: null,
        how: '在本平台“我的办件”中更换上述材料的文件后重新提交，其他材料无需重复提交',
        consequence: '请在2026-12-01前补正；逾期未补正的，本次申请按已过期处理，需重新申报。',
        note: null,
      },
    })
    mockBff({ [`GET /api/v1/cases/${CASE_ID}`]: { body: { case: fix } } })
    const upload = mockUpload([{ status: 201, body: { file: photo({ id: 'f-new' }) } }])
    chooseFiles([new File(['jpeg'], 'new.jpg', { type: 'image/jpeg' })])
    renderPage(CasePage, '/pages/review/case/index', { id: CASE_ID })

    const notice = within((await screen.findByRole('region', { name: '材料补正一次性告知书' })) as HTMLElement)
    expect(notice.getByText('以下1项材料需要补正，其他材料无需重复提交：')).toBeTruthy()
    expect(notice.getByText('1. 经营场所使用证明')).toBeTruthy()
    expect(notice.getByText('问题：文件不清晰，无法辨认；请重新拍摄')).toBeTruthy()
    expect(notice.getByText('期限：2026-12-01前')).toBeTruthy()

    const application = within(screen.getByRole('group', { name: '个体工商户登记（备案）申请书' }))
    expect(application.getByText('已通过')).toBeTruthy()
    expect(application.queryByRole('button', { name: /更换|删除|上传/ })).toBeNull()
    const premises = within(screen.getByRole('group', { name: '经营场所使用证明' }))
    expect(premises.getByText('需补正')).toBeTruthy()
    tap(premises.getByRole('button', { name: '更换场所照片.jpg' }))
    await waitFor(() => expect(upload.calls).toHaveLength(1))
    expect(upload.calls[0].url).toBe(`/api/v1/cases/${CASE_ID}/materials/premises/files?replaces=f-photo`)
    expect(screen.getByRole('button', { name: '重新提交' })).toBeTruthy()
  })

  test('预审通过 shows the next step', async () => {
    mockBff({
      [`GET /api/v1/cases/${CASE_ID}`]: {
        body: { case: caseDetail({ status: 'approved', materials: [material('application', { editable: false, verdict: 'pass' })] }) },
      },
    })
    const nav = spyNavigation()
    renderPage(CasePage, '/pages/review/case/index', { id: CASE_ID })
    expect(await screen.findByText('预审通过。请预约或到厅取号办理，携带材料原件，一次办结。')).toBeTruthy()
    expect(screen.getByText('预审已通过，请携带材料原件到天府新区政务服务中心办理，出示办件编号 YS-20261124-000007，一次办结。')).toBeTruthy()
    const toast = jest.spyOn(Taro, 'showToast')
    for (const [label, key] of [
      ['预约办理', 'appointment'],
      ['网上取号', 'queue'],
    ] as const) {
      await act(async () => tap(screen.getByRole('button', { name: label })))
      const service = SERVICES.find((s) => s.key === key)!
      if (service.ready) expect(nav.navigateTo).toHaveBeenLastCalledWith({ url: `${service.path}?hallId=tianfu&itemId=${ITEM_DETAIL.id}` })
      else expect(toast).toHaveBeenLastCalledWith({ title: `${service.title}即将开放`, icon: 'none' })
    }
    expect(screen.queryByRole('button', { name: '撤回办件' })).toBeNull()
    expect(screen.queryByRole('button', { name: '提交预审' })).toBeNull()
  })
})

describe('one deadline on every page', () => {
  // The BFF's clock may be anywhere (CLOCK_START); the device's is the machine's. Pages only format the BFF's numbers.
  const DEADLINE = { dueAt: '2026-11-25T09:00:00.000Z', msLeft: 31 * 3_600_000 }
  const reviewing = () =>
    caseDetail({
      status: 'reviewing',
      submittedAt: '2026-11-24T02:00:00.000Z',
      deadline: DEADLINE,
      applicant: { nameMasked: '张*', idNumberMasked: '110105********002X', phoneMasked: null },
    })
  const entry: QueueEntry = fixture(QueueEntrySchema, {
    id: CASE_ID,
    caseNumber: 'YS-20261124-000007',
    status: 'reviewing',
    itemName: ITEM_DETAIL.name,
    promisedDays: 1,
    applicantNameMasked: '张*',
    submittedAt: '2026-11-24T02:00:00.000Z',
    ...DEADLINE,
    resubmitted: false,
    deferredCount: 0,
  })

  test('the reviewer queue, the reviewer case page and the applicant case page show the same deadline', async () => {
    jest.spyOn(Date, 'now').mockReturnValue(Date.parse('2027-03-01T00:00:00Z'))
    useSession.getState().signIn(session(me({ realName: VERIFIED, staff: [{ role: 'reviewer', hallId: 'tianfu', windowId: null }] })))
    mockBff({
      'GET /api/v1/review/queue': { body: { cases: [entry] } },
      [`GET /api/v1/review/cases/${CASE_ID}`]: { body: { case: reviewing() } },
      [`GET /api/v1/cases/${CASE_ID}`]: { body: { case: { ...reviewing(), applicant: undefined } } },
    })

    const queue = renderPage(ReviewerQueuePage, '/pages/staff/review/queue/index', { hallId: 'tianfu' })
    expect(await screen.findByText('剩余1天7小时')).toBeTruthy()
    queue.unmount()

    const reviewer = renderPage(ReviewerCasePage, '/pages/staff/review/case/index', { id: CASE_ID })
    expect(await screen.findByText('提交于 2026-11-24 10:00 · 剩余1天7小时')).toBeTruthy()
    reviewer.unmount()

    renderPage(CasePage, '/pages/review/case/index', { id: CASE_ID })
    expect(await screen.findByText('预审人员正在审核您的材料，结果将在2026-11-25 17:00前一次性告知。')).toBeTruthy()
  })
})

describe('the reviewer desk', () => {
  const underReview = (materials: CaseMaterial[]) =>
    caseDetail({
      status: 'reviewing',
      submittedAt: '2026-11-24T02:00:00.000Z',
      applicant: { nameMasked: '张*', idNumberMasked: '110105********002X', phoneMasked: null },
      materials,
    })

  beforeEach(() => useSession.getState().signIn(session(me({ realName: VERIFIED, staff: [{ role: 'reviewer', hallId: 'tianfu', windowId: null }] }))))

  test('a problem needs a reason or a note: the message shows on 保存问题 and goes as soon as a reason is ticked', async () => {
    const bff = mockBff({
      [`GET /api/v1/review/cases/${CASE_ID}`]: { body: { case: underReview([material('premises', { files: [photo()] })]) } },
      [`PUT /api/v1/review/cases/${CASE_ID}/materials/premises`]: {
        body: { case: underReview([material('premises', { files: [photo()], verdict: 'problem', reasons: ['文件不清晰，无法辨认'] })]) },
      },
    })
    renderPage(ReviewerCasePage, '/pages/staff/review/case/index', { id: CASE_ID })
    tap(await screen.findByRole('button', { name: '有问题' }))
    tap(screen.getByRole('button', { name: '保存问题' }))
    expect(await screen.findByText('请选择问题原因，或写明如何补正')).toBeTruthy()
    expect(bff.find('PUT', `/api/v1/review/cases/${CASE_ID}/materials/premises`)).toHaveLength(0)
    expect(screen.getByLabelText('补充说明（告知申请人如何补正）').tagName).toBe('TEXTAREA')

    tap(screen.getByRole('checkbox', { name: '文件不清晰，无法辨认' }))
    await waitFor(() => expect(screen.queryByText('请选择问题原因，或写明如何补正')).toBeNull())
    tap(screen.getByRole('button', { name: '保存问题' }))
    await waitFor(() => expect(bff.find('PUT', `/api/v1/review/cases/${CASE_ID}/materials/premises`)).toHaveLength(1))
    expect(bff.find('PUT', `/api/v1/review/cases/${CASE_ID}/materials/premises`)[0].body).toEqual({
      verdict: 'problem',
      reasons: ['文件不清晰，无法辨认'],
      note: '',
    })
  })

  test('需补正 is sent only after the reviewer confirms a question naming the applicant and the materials', async () => {
    const problem = material('premises', { files: [photo()], verdict: 'problem', reasons: ['文件不清晰，无法辨认'] })
    const bff = mockBff({
      [`GET /api/v1/review/cases/${CASE_ID}`]: { body: { case: underReview([problem]) } },
      [`POST /api/v1/review/cases/${CASE_ID}/decision`]: { body: { case: { ...underReview([problem]), status: 'needs_fix' } } },
    })
    const modal = jest.spyOn(Taro, 'showModal').mockResolvedValueOnce({ confirm: false, cancel: true, errMsg: 'ok' } as never)
    jest.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'ok' } as never)
    renderPage(ReviewerCasePage, '/pages/staff/review/case/index', { id: CASE_ID })
    tap(await screen.findByRole('button', { name: '需补正（一次性告知）' }))
    await waitFor(() => expect(modal).toHaveBeenCalledTimes(1))
    expect(modal.mock.calls[0][0]).toMatchObject({
      title: '发送补正通知',
      content: expect.stringContaining(`将向申请人张*发送一次性补正告知书，列明“${problem.name}”及补正要求`),
      confirmText: '发送通知',
    })
    expect(bff.find('POST', `/api/v1/review/cases/${CASE_ID}/decision`)).toHaveLength(0)

    modal.mockResolvedValueOnce({ confirm: true, cancel: false, errMsg: 'ok' } as never)
    tap(screen.getByRole('button', { name: '需补正（一次性告知）' }))
    await waitFor(() => expect(bff.find('POST', `/api/v1/review/cases/${CASE_ID}/decision`)).toHaveLength(1))
    expect(bff.find('POST', `/api/v1/review/cases/${CASE_ID}/decision`)[0].body).toEqual({ decision: 'needs_fix' })
  })
})

describe('the weapp uploader', () => {
  test('sends the temp file through Taro.uploadFile with the token, reports progress and returns the file', async () => {
    useSession.getState().signIn(session(me({ realName: VERIFIED })))
    const seen: Taro.uploadFile.Option[] = []
    jest.spyOn(Taro, 'uploadFile').mockImplementation(((options: Taro.uploadFile.Option) => {
      seen.push(options)
      const done = Promise.resolve({
        statusCode: 422,
        data: JSON.stringify({ code: 'IMAGE_BLURRY', message: '图片模糊，文字可能无法辨认，请在光线充足处对焦后重新拍摄' }),
        errMsg: 'uploadFile:ok',
      })
      return Object.assign(done, { progress: (callback: (u: { progress: number }) => void) => callback({ progress: 70 }), abort: () => undefined })
    }) as unknown as typeof Taro.uploadFile)
    const progress: number[] = []
    const sent = uploadCaseFile({
      caseId: CASE_ID,
      code: 'premises',
      filePath: 'wxfile://tmp_1.jpg',
      fileName: 'tmp_1.jpg',
      onProgress: (p) => progress.push(p),
    })
    await expect(sent).rejects.toMatchObject({ code: 'IMAGE_BLURRY', status: 422, message: '图片模糊，文字可能无法辨认，请在光线充足处对焦后重新拍摄' })
    expect(seen[0]).toMatchObject({
      url: `/api/v1/cases/${CASE_ID}/materials/premises/files`,
      filePath: 'wxfile://tmp_1.jpg',
      name: 'file',
      header: { Authorization: `Bearer ${TOKEN}` },
    })
    expect(progress).toEqual([70])
  })
})
