import crypto from 'node:crypto'
import fs from 'node:fs'
import net from 'node:net'
import path from 'node:path'
import { api, citizen, type TestServer } from './harness'
import { blankPhoto, blurryPhoto, documentPng, elfExecutable, encryptedPdf, jpegZipPolyglot, pdfWithJavaScript, pngBomb, tinyPhoto } from './review-fixtures'
import {
  CARD_ITEM,
  KEXUECHENG_REVIEWER,
  SHARED_ITEM,
  clearPhoto,
  createCase,
  multipart,
  readyCardCase,
  reviewer,
  startReviewServer,
  storedFiles,
  twoPagePdf,
  upload,
} from './review-helpers'

jest.setTimeout(60_000)

let suite: Awaited<ReturnType<typeof startReviewServer>>
let server: TestServer
let token: string
beforeAll(async () => {
  suite = await startReviewServer()
  server = suite.server
  token = await citizen(server)
})
afterAll(() => suite.close())

const rowsOf = async (caseId: string) =>
  (await server.db.query<{ n: number }>('select count(*)::int as n from case_files where case_id = $1', [caseId])).rows[0].n

describe('automatic checks at upload', () => {
  let caseId: string
  beforeAll(async () => {
    caseId = (await createCase(server, token)).id
  })

  it('accepts a clear photo and records its size, SHA-256 and the checks it passed', async () => {
    const photo = await clearPhoto()
    const reply = await upload(server, token, caseId, 'M02', photo, '证件照.jpg')
    expect(reply.statusCode).toBe(201)
    const { file } = reply.json()
    expect(file).toMatchObject({ name: '证件照.jpg', kind: 'image', mimeType: 'image/jpeg', sizeBytes: photo.length, width: 1240, height: 1754, pages: null })
    expect(file.sha256).toBe(crypto.createHash('sha256').update(photo).digest('hex'))
    expect(file.checks).toEqual(['按内容识别为JPG图片', '分辨率1240×1754', '非空白', '清晰度合格'])
    const stored = await api(server, token).get(`/api/v1/cases/${caseId}/files/${file.id}`)
    expect(stored.statusCode).toBe(200)
    expect(stored.headers['content-type']).toBe('image/jpeg')
    expect(stored.rawPayload.equals(photo)).toBe(true)
  })

  it('accepts a PDF and reports its page count', async () => {
    const reply = await upload(server, token, caseId, 'M01', await twoPagePdf(), 'scan.pdf', { contentType: 'application/pdf' })
    expect(reply.statusCode).toBe(201)
    expect(reply.json().file).toMatchObject({ kind: 'pdf', mimeType: 'application/pdf', pages: 2 })
    expect(reply.json().file.checks).toContain('共2页')
  })

  const refusals: [string, () => Promise<Buffer> | Buffer, string, string, string][] = [
    ['a blank white photo', blankPhoto, 'blank.jpg', 'IMAGE_BLANK', '图片几乎是空白的，没有拍到材料内容，请对准材料重新拍摄'],
    ['a blurry photo', blurryPhoto, 'blurry.jpg', 'IMAGE_BLURRY', '图片模糊，文字可能无法辨认，请在光线充足处对焦后重新拍摄'],
    ['a tiny photo', tinyPhoto, 'small.jpg', 'IMAGE_LOW_RESOLUTION', '图片分辨率过低（200×280），至少需要400×300像素，请重新拍摄'],
    ['an ELF executable renamed to .jpg', elfExecutable, 'holiday.jpg', 'FILE_EXECUTABLE', '该文件实际是可执行程序或脚本，不是图片或PDF，已拒收'],
    [
      'a JPEG with a ZIP appended (polyglot)',
      jpegZipPolyglot,
      'photo.jpg',
      'FILE_POLYGLOT',
      '文件中夹带了网页、脚本或其他文件的内容（伪装文件），已拒收。请上传拍摄或扫描得到的原始文件',
    ],
    [
      'a PNG declaring 100000×100000 pixels (image bomb)',
      () => pngBomb(),
      'bomb.png',
      'IMAGE_TOO_MANY_PIXELS',
      '图片像素过大（100000×100000），请压缩到5000万像素以内后上传',
    ],
    [
      'a PDF that runs JavaScript when opened',
      pdfWithJavaScript,
      'form.pdf',
      'PDF_ACTIVE_CONTENT',
      'PDF中含有脚本（JavaScript）或表单提交动作，出于安全原因不予接收，请打印为普通PDF后上传',
    ],
    ['an encrypted PDF', encryptedPdf, 'secret.pdf', 'PDF_ENCRYPTED', 'PDF文件已加密或设置了密码，请取消密码后重新上传'],
  ]

  it.each(refusals)('refuses %s with the reason, and keeps nothing', async (_name, make, filename, code, message) => {
    const before = storedFiles(suite.filesDir).length
    const rows = await rowsOf(caseId)
    const material = filename.endsWith('.pdf') ? 'M01' : filename.endsWith('.png') ? 'M01' : 'M02'
    const reply = await upload(server, token, caseId, material, await make(), filename)
    expect(reply.statusCode).toBe(422)
    expect(reply.json()).toEqual({ code, message })
    expect(await rowsOf(caseId)).toBe(rows)
    expect(storedFiles(suite.filesDir).length).toBe(before)
  })

  it('takes a phone photo of a signed application form (申请书), not only a PDF: every material with a blank form accepts JPG and PNG', async () => {
    const { id } = await createCase(server, token, 'company-llc-establishment')
    const reply = await upload(server, token, id, 'M01', await clearPhoto(), '申请书.jpg')
    expect(reply.statusCode).toBe(201)
    expect(reply.json().file).toMatchObject({ name: '申请书.jpg', kind: 'image', mimeType: 'image/jpeg' })
    const material = (await api(server, token).get(`/api/v1/cases/${id}`)).json().case.materials.find((m: { code: string }) => m.code === 'M01')
    expect(material).toMatchObject({ name: '公司登记（备案）申请书', formats: ['pdf', 'jpg', 'png'] })
    const forms = await server.db.query<{ item_id: string; code: string; formats: string[] }>(
      'select item_id, code, formats from item_materials where has_blank_form',
    )
    expect(forms.rows.length).toBeGreaterThan(50)
    expect(forms.rows.filter((m) => !['jpg', 'png'].every((f) => m.formats.includes(f)))).toEqual([])
  })

  it('judges the type by content: a PNG is refused where only JPG is accepted, whatever its name', async () => {
    const reply = await upload(server, token, caseId, 'M02', await documentPng(), 'photo.jpg')
    expect(reply.statusCode).toBe(422)
    expect(reply.json()).toEqual({ code: 'FILE_FORMAT_NOT_ACCEPTED', message: '本材料只接受JPG格式，该文件实际是PNG' })
  })

  it('refuses a file over the material size limit while it streams in', async () => {
    const reply = await upload(server, token, caseId, 'M02', crypto.randomBytes(5 * 1024 * 1024 + 10))
    expect(reply.statusCode).toBe(413)
    expect(reply.json()).toEqual({ code: 'FILE_TOO_LARGE', message: '文件超过5MB上限，请压缩后重新上传' })
  })

  it('never uses the uploaded name as a path: a traversal name is stored under a generated key and shown sanitised', async () => {
    const target = path.join('/tmp', `onetrip-evil-${process.pid}.jpg`)
    const reply = await upload(server, token, caseId, 'M03', await clearPhoto(), `../../../../../..${target}`)
    expect(reply.statusCode).toBe(201)
    expect(reply.json().file.name).toBe(path.basename(target))
    expect(fs.existsSync(target)).toBe(false)
    const { rows } = await server.db.query<{ storage_key: string }>('select storage_key from case_files where id = $1', [reply.json().file.id])
    expect(rows[0].storage_key).toMatch(/^[0-9a-f-]{36}$/)
    expect(storedFiles(suite.filesDir).some((file) => file.endsWith(rows[0].storage_key))).toBe(true)
  })

  it('strips control and bidi characters from the displayed name', async () => {
    const reply = await upload(server, token, caseId, 'M03', await clearPhoto(), 'inv\u202Egpj.exe\u0007.jpg')
    expect(reply.statusCode).toBe(201)
    expect(reply.json().file.name).toBe('invgpj.exe.jpg')
  })

  it('answers a non-multipart request with 415', async () => {
    const reply = await api(server, token).post(`/api/v1/cases/${caseId}/materials/M02/files`, { file: 'x' })
    expect(reply.statusCode).toBe(415)
  })

  it('asks for a file when the form has none', async () => {
    const empty = multipart({ buffer: Buffer.from('x'), filename: 'a', field: 'file' })
    const body = Buffer.from(empty.payload.toString('latin1').replace(/; filename="a"\r\nContent-Type: application\/octet-stream/, ''), 'latin1')
    const reply = await server.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${caseId}/materials/M02/files`,
      payload: body,
      headers: { authorization: `Bearer ${token}`, ...empty.headers },
    })
    expect(reply.statusCode).toBe(400)
    expect(reply.json()).toEqual({ code: 'NO_FILE', message: '请选择要上传的文件' })
  })

  it('refuses uploads to a material the government already holds (免提交)', async () => {
    const shared = await createCase(server, token, SHARED_ITEM)
    const reply = await upload(server, token, shared.id, 'M01', await clearPhoto())
    expect(reply.statusCode).toBe(409)
    expect(reply.json()).toEqual({ code: 'MATERIAL_SHARED', message: '该材料由部门间共享获取，无需上传' })
  })
})

describe('limits', () => {
  it('keeps at most 10 files per material', async () => {
    const { id } = await createCase(server, token)
    const photo = await clearPhoto()
    for (let i = 0; i < 10; i++) expect((await upload(server, token, id, 'M04', photo, `page-${i}.jpg`)).statusCode).toBe(201)
    const reply = await upload(server, token, id, 'M04', photo)
    expect(reply.statusCode).toBe(409)
    expect(reply.json()).toEqual({ code: 'MATERIAL_FILES_FULL', message: '每项材料最多上传10个文件，请先删除不需要的文件' })
  })

  it('keeps the files of one case under 50 MB together', async () => {
    const { id } = await createCase(server, token)
    // 4.9 MB of noise is a valid, sharp 2600×2600 JPEG; ten of them fill the case.
    const { photoOfSize } = await import('./review-fixtures')
    const big = await photoOfSize(4.9 * 1024 * 1024)
    const fits = Math.floor((50 * 1024 * 1024) / big.length)
    for (let i = 0; i < fits; i++) {
      const code = i < 5 ? 'M03' : 'M04'
      expect((await upload(server, token, id, code, big, `big-${i}.jpg`)).statusCode).toBe(201)
    }
    const reply = await upload(server, token, id, 'M01', big)
    expect(reply.statusCode).toBe(413)
    expect(reply.json()).toEqual({ code: 'CASE_FILES_TOO_LARGE', message: '本办件的文件合计不能超过50MB，请压缩或删除部分文件' })
  }, 60_000)

  it('frees the space of a deleted file', async () => {
    const { id } = await createCase(server, token)
    const added = (await upload(server, token, id, 'M02', await clearPhoto())).json().file
    const before = storedFiles(suite.filesDir).length
    const removed = await api(server, token).delete(`/api/v1/cases/${id}/files/${added.id}`)
    expect(removed.statusCode).toBe(200)
    expect(storedFiles(suite.filesDir).length).toBe(before - 1)
    const detail = (await api(server, token).get(`/api/v1/cases/${id}`)).json().case
    expect(detail.usedBytes).toBe(0)
    expect(detail.materials.find((m: { code: string }) => m.code === 'M02').files).toEqual([])
  })
})

describe('who may read a case and its files', () => {
  let c: Awaited<ReturnType<typeof readyCardCase>>
  beforeAll(async () => {
    c = await readyCardCase(server, token)
  })

  it('answers another user with 404 on the case, its files and every change', async () => {
    const stranger = api(server, await citizen(server))
    for (const reply of [
      await stranger.get(`/api/v1/cases/${c.id}`),
      await stranger.get(`/api/v1/cases/${c.id}/files/${c.files.M02}`),
      await stranger.delete(`/api/v1/cases/${c.id}/files/${c.files.M02}`),
      await stranger.post(`/api/v1/cases/${c.id}/submit`, { deferredCodes: [] }),
      await stranger.post(`/api/v1/cases/${c.id}/withdraw`, {}),
    ]) {
      expect(reply.statusCode).toBe(404)
      expect(reply.json()).toEqual({ code: 'NOT_FOUND', message: '办件不存在' })
    }
    const strangerToken = await citizen(server)
    const uploadReply = await upload(server, strangerToken, c.id, 'M03', await clearPhoto())
    expect(uploadReply.statusCode).toBe(404)
  })

  it('hides a draft from reviewers, then lets the hall reviewer read the files once submitted', async () => {
    const reviewerToken = await reviewer(server)
    expect((await api(server, reviewerToken).get(`/api/v1/review/cases/${c.id}/files/${c.files.M02}`)).statusCode).toBe(404)
    expect((await api(server, token).post(`/api/v1/cases/${c.id}/submit`, { deferredCodes: [] })).statusCode).toBe(200)
    const file = await api(server, reviewerToken).get(`/api/v1/review/cases/${c.id}/files/${c.files.M01}`)
    expect(file.statusCode).toBe(200)
    expect(file.headers['content-type']).toBe('application/pdf')
    expect(file.headers['content-disposition']).toBe(`inline; filename="id-card.pdf"; filename*=UTF-8''id-card.pdf`)
    expect(file.rawPayload.equals(await twoPagePdf())).toBe(true)
    // The applicant's own route is for the applicant only.
    expect((await api(server, reviewerToken).get(`/api/v1/cases/${c.id}/files/${c.files.M01}`)).statusCode).toBe(404)
  })

  it('refuses a reviewer of the other hall with 403', async () => {
    const other = api(server, await reviewer(server, KEXUECHENG_REVIEWER))
    for (const reply of [
      await other.get(`/api/v1/review/cases/${c.id}`),
      await other.get(`/api/v1/review/cases/${c.id}/files/${c.files.M01}`),
      await other.post(`/api/v1/review/cases/${c.id}/open`),
      await other.get('/api/v1/review/queue?hallId=tianfu'),
    ]) {
      expect(reply.statusCode).toBe(403)
      expect(reply.json()).toEqual({ code: 'FORBIDDEN', message: '您不是该服务中心的工作人员' })
    }
  })

  it('refuses a citizen on the reviewer routes', async () => {
    const reply = await api(server, token).get(`/api/v1/review/cases/${c.id}`)
    expect(reply.statusCode).toBe(403)
    expect(reply.json().message).toBe('该功能仅限工作人员使用')
  })
})

describe('an upload cut off midway', () => {
  it('leaves neither a file nor a row behind', async () => {
    const { id } = await createCase(server, token, CARD_ITEM)
    await server.app.listen({ port: 0, host: '127.0.0.1' })
    const address = server.app.server.address() as net.AddressInfo
    const photo = await clearPhoto()
    const body = multipart({ buffer: photo, filename: 'photo.jpg', contentType: 'image/jpeg' })
    const before = storedFiles(suite.filesDir)

    const socket = net.connect(address.port, '127.0.0.1')
    await new Promise<void>((resolve) => socket.once('connect', resolve))
    socket.write(
      `POST /api/v1/cases/${id}/materials/M02/files HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${token}\r\n` +
        `Content-Type: ${body.headers['content-type']}\r\nContent-Length: ${body.payload.length}\r\n\r\n`,
    )
    socket.write(body.payload.subarray(0, Math.floor(body.payload.length / 2)))
    // Wait until the BFF is writing the upload to staging, then drop the connection.
    const staging = path.join(suite.filesDir, '.staging')
    for (let i = 0; i < 100 && !(fs.existsSync(staging) && fs.readdirSync(staging).length); i++) await new Promise((r) => setTimeout(r, 20))
    expect(fs.readdirSync(staging).length).toBe(1)
    socket.destroy()

    for (let i = 0; i < 100 && fs.readdirSync(staging).length; i++) await new Promise((r) => setTimeout(r, 20))
    expect(fs.readdirSync(staging)).toEqual([])
    expect(storedFiles(suite.filesDir)).toEqual(before)
    expect(await rowsOf(id)).toBe(0)
    const detail = (await api(server, token).get(`/api/v1/cases/${id}`)).json().case
    expect(detail.usedBytes).toBe(0)
  })
})
