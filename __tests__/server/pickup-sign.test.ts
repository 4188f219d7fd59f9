/**
 * Signing the 取件委托书 (domain rules §6): EMS delivery or a named agent, the document built from
 * data, the signature image checks, remembered addresses, who may see the result, and masking.
 */
import { authorizationText } from '../../src/domain/pickup-authorization'
import { readPickupCode } from '../../server/modules/pickup/pickup-code'
import { maskPhone } from '../../src/domain/mask'
import {
  api,
  bindRealName,
  citizen,
  describeWithPostgres,
  loginBySms,
  nextIdNumber,
  nextPhone,
  startTestCluster,
  startTestServer,
  staffLogin,
  type TestServer,
} from './harness'
import {
  EMS_ADDRESS,
  KEXUECHENG_CLERK,
  TIANFU_WINDOW_STAFF,
  blankPng,
  caseWithLicence,
  clerk,
  dotPng,
  insertCase,
  pdfText,
  recordingApi,
  signaturePng,
  userIdOf,
} from './pickup-helpers'
import { LEGAL_DOCUMENTS, currentLoginAgreement } from '../../src/domain/legal'

let server: TestServer
let tianfuClerk: string
let signature: string

beforeAll(async () => {
  server = await startTestServer()
  tianfuClerk = await clerk(server)
  signature = await signaturePng()
}, 60_000)
afterAll(() => server.close())

const sign = (token: string, body: Record<string, unknown>) => api(server, token).post('/api/v1/authorizations', { signaturePng: signature, ...body })

async function readyCase(options: { name?: string } = {}) {
  const token = await citizen(server, options)
  return { token, caseNumber: await caseWithLicence(server, token, tianfuClerk) }
}

describe('signing for EMS delivery', () => {
  it('stores the authorization, answers with its number, the signed document and status 待寄出, and sends a message', async () => {
    const { token, caseNumber } = await readyCase({ name: '王小明' })
    const answer = await sign(token, { caseNumber, method: 'ems', address: EMS_ADDRESS })
    expect(answer.statusCode).toBe(201)
    const body = answer.json()
    expect(body).toMatchObject({
      number: expect.stringMatching(/^WT20261124\d{6}$/),
      method: 'ems',
      status: 'awaiting_shipment',
      statusLabel: '待寄出',
      validUntil: '2026-12-24',
      signedAt: '2026-11-24T02:00:00.000Z',
      pickupCode: null,
      pickupQr: null,
      events: [{ kind: 'signed', label: '委托人已签署取件委托书' }],
    })
    expect(body.document).toEqual({
      number: body.number,
      principal: { name: '王小明', idType: '居民身份证', idNumberMasked: expect.stringMatching(/^510107\*{8}/) },
      hallName: '天府新区政务服务中心',
      caseNumber,
      itemName: '有限责任公司设立登记',
      licenceName: '营业执照',
      licenceCopies: expect.stringContaining('正本1份、副本1份'),
      method: {
        kind: 'ems',
        recipient: '李四',
        phoneMasked: '138****5678',
        province: '四川省',
        city: '成都市',
        district: '武侯区',
        address: '人民南路四段1号',
      },
      signedAt: '2026-11-24T02:00:00.000Z',
    })
    const messages = (await api(server, token).get('/api/v1/me/messages')).json().messages
    expect(messages).toContainEqual(expect.objectContaining({ title: '取件委托书已签署', link: `/pages/pickup/detail/index?id=${body.id}` }))

    const again = await api(server, token).get(`/api/v1/authorizations/${body.id}`)
    expect(again.statusCode).toBe(200)
    expect(again.json().document).toEqual(body.document)
  })

  it('prints into the PDF exactly the text the app shows (one builder for both)', async () => {
    const { token, caseNumber } = await readyCase()
    const body = (await sign(token, { caseNumber, method: 'ems', address: EMS_ADDRESS })).json()
    const text = authorizationText(body.document)
    const printed = (await api(server, token).get(`/api/v1/authorizations/${body.id}/pdf`)).rawPayload
    const flat = pdfText(printed).replace(/\s+/g, '')
    for (const line of [text.title, ...text.sections.flatMap((s) => [s.heading, ...s.lines]), ...text.signing, text.signatureLabel]) {
      expect(flat).toContain(line.replace(/\s+/g, ''))
    }
  })

  it('remembers an address sealed, lists it masked, reuses it by id and forgets it on request', async () => {
    const { token, caseNumber } = await readyCase()
    expect((await sign(token, { caseNumber, method: 'ems', address: { ...EMS_ADDRESS, remember: true } })).statusCode).toBe(201)
    const sealed = await server.db.query<{ recipient_enc: string; phone_enc: string; address_enc: string }>(
      'select recipient_enc, phone_enc, address_enc from pickup_addresses where user_id = $1',
      [await userIdOf(server, token)],
    )
    expect(sealed.rows).toHaveLength(1)
    expect(JSON.stringify(sealed.rows)).not.toMatch(/李四|13812345678|人民南路/)

    const { addresses } = (await api(server, token).get('/api/v1/pickup/addresses')).json()
    expect(addresses).toEqual([
      expect.objectContaining({
        recipient: '李四',
        phoneMasked: '138****5678',
        province: '四川省',
        city: '成都市',
        district: '武侯区',
        address: '人民南路四段1号',
        provinceCode: '510000',
        districtCode: '510107',
      }),
    ])
    expect(JSON.stringify(addresses)).not.toContain('13812345678')

    const second = await caseWithLicence(server, token, tianfuClerk)
    const reused = await sign(token, { caseNumber: second, method: 'ems', addressId: addresses[0].id })
    expect(reused.statusCode).toBe(201)
    expect(reused.json().document.method).toMatchObject({ recipient: '李四', phoneMasked: '138****5678', address: '人民南路四段1号' })

    const stranger = await citizen(server)
    const third = await caseWithLicence(server, stranger, tianfuClerk)
    const foreign = await sign(stranger, { caseNumber: third, method: 'ems', addressId: addresses[0].id })
    expect(foreign.statusCode).toBe(404)
    expect(foreign.json().message).toBe('常用地址不存在，请重新选择')
    expect((await api(server, stranger).delete(`/api/v1/pickup/addresses/${addresses[0].id}`)).statusCode).toBe(404)

    expect((await api(server, token).delete(`/api/v1/pickup/addresses/${addresses[0].id}`)).statusCode).toBe(200)
    expect((await api(server, token).get('/api/v1/pickup/addresses')).json().addresses).toEqual([])
  })

  it('takes the region from the division tree at /api/v1/names/divisions and prints a municipality once', async () => {
    const { token, caseNumber } = await readyCase()
    const provinces = (await api(server).get('/api/v1/names/divisions')).json().divisions
    const beijing = provinces.find((p: { name: string }) => p.name === '北京市')
    const city = (await api(server).get(`/api/v1/names/divisions?parent=${beijing.code}`)).json().divisions[0]
    const district = (await api(server).get(`/api/v1/names/divisions?parent=${city.code}`)).json().divisions.find((d: { name: string }) => d.name === '东城区')
    const answer = await sign(token, {
      caseNumber,
      method: 'ems',
      address: { ...EMS_ADDRESS, provinceCode: beijing.code, cityCode: city.code, districtCode: district.code },
    })
    expect(answer.statusCode).toBe(201)
    const text = authorizationText(answer.json().document)
    expect(text.sections[2].lines).toContain('收件地址：北京市东城区人民南路四段1号')
  })

  it("fills 'self' with the signer's verified name and sign-in phone on the server: masked to the signer, in full on the clerk's waybill", async () => {
    const phone = nextPhone()
    const token = await bindRealName(server, await loginBySms(server, phone), { name: '王小明' })
    const caseNumber = await caseWithLicence(server, token, tianfuClerk)
    const answer = await sign(token, { caseNumber, method: 'ems', address: { ...EMS_ADDRESS, recipient: 'self', phone: undefined, remember: true } })
    expect(answer.statusCode).toBe(201)
    expect(answer.json().document.method).toMatchObject({ kind: 'ems', recipient: '王小明', phoneMasked: maskPhone(phone), address: '人民南路四段1号' })
    expect(answer.body).not.toContain(phone)
    const waybill = (await api(server, tianfuClerk).get(`/api/v1/staff/pickup/authorizations/${answer.json().id}`)).json()
    expect(waybill.shipping).toEqual({ recipient: '王小明', phone, address: '四川省成都市武侯区人民南路四段1号' })
    const { addresses } = (await api(server, token).get('/api/v1/pickup/addresses')).json()
    expect(addresses).toEqual([expect.objectContaining({ recipient: '王小明', phoneMasked: maskPhone(phone) })])
  })

  it("refuses 'self' for an account without a phone (WeChat sign-in): the recipient and phone must be typed", async () => {
    const signedIn = await api(server).post('/api/v1/auth/wechat/login', { agreed: currentLoginAgreement(), code: `wx-openid-self-${process.pid}` })
    const token = await bindRealName(server, signedIn.json().token, { name: '王小明' })
    const caseNumber = await caseWithLicence(server, token, tianfuClerk)
    const answer = await sign(token, { caseNumber, method: 'ems', address: { ...EMS_ADDRESS, recipient: 'self', phone: undefined } })
    expect(answer.statusCode).toBe(400)
    expect(answer.json()).toEqual({ code: 'SELF_PHONE_UNKNOWN', message: '您的账号没有登记手机号，请改用其他收件人并填写电话' })
  })

  it.each([
    [{ address: { ...EMS_ADDRESS, recipient: 'self' } }, 400, '收件人为本人时由系统填入您的手机号，请勿另填电话'],
    [{ address: { ...EMS_ADDRESS, phone: undefined } }, 400, '请填写收件人手机号'],
    [{ address: { ...EMS_ADDRESS, phone: '1381234' } }, 400, '收件人电话：请输入正确的11位手机号码'],
    [{ address: { ...EMS_ADDRESS, districtCode: '110101' } }, 400, '请重新选择省、市、区县'],
    [{ address: { ...EMS_ADDRESS, address: '一号' } }, 400, '请填写详细地址（街道、门牌号等），至少5个字'],
    [{ address: { ...EMS_ADDRESS, recipient: '1' } }, 400, '请输入收件人姓名'],
    [{}, 400, '请选择常用地址或填写收件人、电话和收件地址'],
    [{ address: EMS_ADDRESS, agent: { name: '李四', idNumber: nextIdNumber(), phone: '13812345678' } }, 400, '请选择常用地址或填写收件人、电话和收件地址'],
  ])('refuses bad delivery details: %j', async (extra, status, message) => {
    const { token, caseNumber } = await readyCase()
    const answer = await sign(token, { caseNumber, method: 'ems', ...extra })
    expect(answer.statusCode).toBe(status)
    expect(answer.json().message).toBe(message)
  })
})

describe('signing for an agent', () => {
  it('keeps only a blind index and a masked number of the agent’s ID, and gives the principal a signed pickup code as a QR', async () => {
    const { token, caseNumber } = await readyCase()
    const agentId = nextIdNumber('19920315')
    const answer = await sign(token, { caseNumber, method: 'agent', agent: { name: '赵六', idNumber: agentId, phone: '13900001111' } })
    expect(answer.statusCode).toBe(201)
    const body = answer.json()
    expect(body.status).toBe('awaiting_pickup')
    expect(body.statusLabel).toBe('待领取')
    expect(body.document.method).toEqual({
      kind: 'agent',
      name: '赵六',
      idNumberMasked: agentId.slice(0, 6) + '********' + agentId.slice(-4),
      phoneMasked: '139****1111',
    })
    expect(body.pickupQr).toMatch(/^data:image\/png;base64,/)
    expect(readPickupCode(server.runtime.keys, body.pickupCode)).toBe(body.id)
    expect(body.pickupCode).not.toMatch(/赵六|13900001111/)
    expect(body.pickupCode).not.toContain(agentId)
    expect(JSON.stringify(await server.db.query('select * from authorizations where id = $1', [body.id]))).not.toContain(agentId)
  })

  it.each([
    [{ name: '赵六', idNumber: '510107199203150001', phone: '13900001111' }, 400, '代领人身份证号码校验位不正确，请核对后重新输入'],
    [{ name: 'Z', idNumber: nextIdNumber(), phone: '13900001111' }, 400, '请输入与代领人身份证一致的中文姓名'],
    [{ name: '赵六', idNumber: nextIdNumber(), phone: '12345' }, 400, '代领人手机号：请输入正确的11位手机号码'],
  ])('refuses bad agent details: %j', async (agent, status, message) => {
    const { token, caseNumber } = await readyCase()
    const answer = await sign(token, { caseNumber, method: 'agent', agent })
    expect(answer.statusCode).toBe(status)
    expect(answer.json().message).toBe(message)
  })

  it('refuses the principal as their own agent', async () => {
    const token = await loginBySms(server)
    const idNumber = nextIdNumber()
    expect(
      (await api(server, token).put('/api/v1/me/real-name', { sensitiveConsent: LEGAL_DOCUMENTS.sensitive.version, name: '张三', idNumber })).statusCode,
    ).toBe(200)
    const caseNumber = await caseWithLicence(server, token, tianfuClerk)
    const answer = await sign(token, { caseNumber, method: 'agent', agent: { name: '张三', idNumber, phone: '13900001111' } })
    expect(answer.statusCode).toBe(422)
    expect(answer.json().code).toBe('AGENT_IS_PRINCIPAL')
  })

  it('refuses an agent pickup without the agent', async () => {
    const { token, caseNumber } = await readyCase()
    const answer = await sign(token, { caseNumber, method: 'agent', address: EMS_ADDRESS })
    expect(answer.statusCode).toBe(400)
    expect(answer.json().message).toBe('请填写代领人的姓名、身份证号和手机号')
  })
})

describe('the signature image', () => {
  it.each([
    ['a blank image', () => blankPng(), 422, '签名为空或过于简短，请签写完整姓名'],
    ['a single dot', () => dotPng(), 422, '签名为空或过于简短，请签写完整姓名'],
    [
      'a JPEG',
      async () =>
        (await import('sharp'))
          .default({ create: { width: 400, height: 200, channels: 3, background: '#fff' } })
          .jpeg()
          .toBuffer()
          .then((b) => b.toString('base64')),
      400,
      '签名图片无效，请重新签名',
    ],
    ['text that is not base64', async () => '%%%not-base64%%%', 400, '签名图片无效，请重新签名'],
    [
      'a PNG header with garbage after it',
      async () => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(500, 7)]).toString('base64'),
      400,
      '签名图片无效，请重新签名',
    ],
    ['a tiny image', () => signaturePng({ width: 60, height: 30 }), 400, '签名图片无效，请重新签名'],
    [
      'a solid black image',
      async () =>
        (await import('sharp'))
          .default({ create: { width: 400, height: 200, channels: 3, background: '#000' } })
          .png()
          .toBuffer()
          .then((b) => b.toString('base64')),
      400,
      '签名图片无效，请重新签名',
    ],
  ])('refuses %s', async (_name, make, status, message) => {
    const { token, caseNumber } = await readyCase()
    const answer = await sign(token, { caseNumber, method: 'ems', address: EMS_ADDRESS, signaturePng: await make() })
    expect(answer.statusCode).toBe(status)
    expect(answer.json().message).toBe(message)
    const list = (await api(server, token).get('/api/v1/pickup/licences')).json().licences
    expect(list[0].authorization).toBeNull()
  })

  it('accepts a data URL and stores the signature opaque on white (transparent pixels do not turn black)', async () => {
    const { token, caseNumber } = await readyCase()
    const answer = await sign(token, { caseNumber, method: 'ems', address: EMS_ADDRESS, signaturePng: `data:image/png;base64,${await signaturePng()}` })
    expect(answer.statusCode).toBe(201)
    const { rows } = await server.db.query<{ signature_png_enc: string }>('select signature_png_enc from authorization_records where authorization_id = $1', [
      answer.json().id,
    ])
    const png = Buffer.from(server.runtime.keys.cipher.decrypt(rows[0].signature_png_enc), 'base64')
    const sharp = (await import('sharp')).default
    const meta = await sharp(png).metadata()
    expect(meta.format).toBe('png')
    expect(meta.hasAlpha).toBe(false)
    const stats = await sharp(png).stats()
    expect(stats.channels[0].mean).toBeGreaterThan(200) // mostly white paper
  })
})

describe('refusals around the case', () => {
  it('refuses a case whose licence is not issued yet, another user’s case, and a second live authorization', async () => {
    const token = await citizen(server)
    const pending = await insertCase(server, await userIdOf(server, token))
    const notReady = await sign(token, { caseNumber: pending, method: 'ems', address: EMS_ADDRESS })
    expect(notReady.statusCode).toBe(409)
    expect(notReady.json()).toEqual({ code: 'LICENCE_NOT_READY', message: '该办件的证照尚未出证，出证后会通知您' })

    const { caseNumber } = await readyCase()
    const foreign = await sign(token, { caseNumber, method: 'ems', address: EMS_ADDRESS })
    expect(foreign.statusCode).toBe(404)

    const own = await caseWithLicence(server, token, tianfuClerk)
    const first = await sign(token, { caseNumber: own, method: 'ems', address: EMS_ADDRESS })
    expect(first.statusCode).toBe(201)
    const second = await sign(token, { caseNumber: own, method: 'agent', agent: { name: '赵六', idNumber: nextIdNumber(), phone: '13900001111' } })
    expect(second.statusCode).toBe(409)
    expect(second.json().message).toBe(`该证照已签署取件委托书（编号 ${first.json().number}），无需重复签署`)
  })

  it('requires a verified real name', async () => {
    const token = await loginBySms(server)
    const answer = await sign(token, { caseNumber: 'TST0000001', method: 'ems', address: EMS_ADDRESS })
    expect(answer.statusCode).toBe(403)
    expect(answer.json().message).toBe('请先完成实名认证')
  })

  it('lets only one of several simultaneous signings win', async () => {
    const { token, caseNumber } = await readyCase()
    const answers = await Promise.all(Array.from({ length: 4 }, () => sign(token, { caseNumber, method: 'ems', address: EMS_ADDRESS })))
    expect(answers.map((a) => a.statusCode).sort()).toEqual([201, 409, 409, 409])
    const { rows } = await server.db.query<{ n: number }>(
      'select count(*)::int as n from authorizations a join licences l on l.id = a.licence_id join cases c on c.id = l.case_id where c.case_number = $1',
      [caseNumber],
    )
    expect(rows[0].n).toBe(1)
  })
})

describe('who may see an authorization', () => {
  it('is the principal and the staff of its hall (the PDF: its clerk): another user 404, the clerk of another hall 403, nobody signed in 401', async () => {
    const { token, caseNumber } = await readyCase()
    const id = (await sign(token, { caseNumber, method: 'ems', address: EMS_ADDRESS })).json().id
    const stranger = await citizen(server)
    const otherClerk = await clerk(server, KEXUECHENG_CLERK)
    const windowStaff = await staffLogin(server, TIANFU_WINDOW_STAFF)
    for (const path of ['', '/pdf', '/verify']) {
      const url = `/api/v1/authorizations/${id}${path}`
      expect((await api(server, token).get(url)).statusCode).toBe(200)
      expect((await api(server, stranger).get(url)).statusCode).toBe(404)
      expect((await api(server, stranger).get(`/api/v1/authorizations/00000000-0000-4000-8000-000000000000${path}`)).statusCode).toBe(404)
      expect((await api(server).get(url)).statusCode).toBe(401)
    }
    for (const path of ['/pdf', '/verify']) {
      const url = `/api/v1/authorizations/${id}${path}`
      expect((await api(server, tianfuClerk).get(url)).statusCode).toBe(200)
      // The signed PDF is for the clerk who hands the licence over, not every staff member (finding 13 of 2026-12).
      expect((await api(server, windowStaff).get(url)).statusCode).toBe(path === '/pdf' ? 403 : 200)
      const foreign = await api(server, otherClerk).get(url)
      expect(foreign.statusCode).toBe(403)
      expect(foreign.json().message).toBe('您不是该服务中心的工作人员')
    }
    expect((await api(server, tianfuClerk).get(`/api/v1/staff/pickup/authorizations/${id}`)).statusCode).toBe(200)
    expect((await api(server, otherClerk).get(`/api/v1/staff/pickup/authorizations/${id}`)).statusCode).toBe(403)
    expect((await api(server, windowStaff).get(`/api/v1/staff/pickup/authorizations/${id}`)).statusCode).toBe(403)
    expect((await api(server, stranger).get(`/api/v1/staff/pickup/authorizations/${id}`)).statusCode).toBe(403)
  })

  it('never shows a full ID number — principal’s or agent’s — in any response, the PDF included', async () => {
    const bodies: string[] = []
    const principalToken = await loginBySms(server)
    const principalId = nextIdNumber('19800707')
    await api(server, principalToken).put('/api/v1/me/real-name', { sensitiveConsent: LEGAL_DOCUMENTS.sensitive.version, name: '钱七', idNumber: principalId })
    const agentId = nextIdNumber('19950505')
    const me = recordingApi(server, principalToken, bodies)
    const desk = recordingApi(server, tianfuClerk, bodies)
    const caseNumber = await insertCase(server, await userIdOf(server, principalToken))
    await desk.post('/api/v1/staff/pickup/licences', { caseNumber })
    await me.get(`/api/v1/pickup/cases/${caseNumber}`)
    const signed = await me.post('/api/v1/authorizations', {
      caseNumber,
      method: 'agent',
      agent: { name: '孙八', idNumber: agentId, phone: '13900002222' },
      signaturePng: signature,
    })
    expect(signed.statusCode).toBe(201)
    const { id, pickupCode } = signed.json()
    await me.get(`/api/v1/authorizations/${id}`)
    await me.get('/api/v1/pickup/licences')
    await me.get('/api/v1/me/messages')
    const pdf = await me.get(`/api/v1/authorizations/${id}/pdf`)
    await me.get(`/api/v1/authorizations/${id}/verify`)
    await desk.get(`/api/v1/staff/pickup/authorizations/${id}`)
    await desk.get('/api/v1/staff/pickup/licences?hallId=tianfu&state=awaiting')
    await desk.post('/api/v1/staff/pickup/agent-checks', { code: pickupCode, idNumber: nextIdNumber() })
    expect((await desk.post('/api/v1/staff/pickup/agent-checks', { code: pickupCode, idNumber: agentId })).statusCode).toBe(200)
    await desk.post(`/api/v1/staff/pickup/authorizations/${id}/collect`)
    bodies.push(pdfText(pdf.rawPayload))

    expect(bodies.length).toBeGreaterThan(20)
    for (const full of [principalId, agentId]) {
      for (const body of bodies) expect(body).not.toContain(full)
    }
    expect(bodies.join('\n')).toContain(agentId.slice(0, 6) + '********' + agentId.slice(-4))
  })
})

describeWithPostgres('two BFF instances on one PostgreSQL', () => {
  it('let only one of simultaneous signings of one licence win', async () => {
    const cluster = await startTestCluster(2)
    try {
      const [a, b] = cluster.servers
      const token = await citizen(a)
      const caseNumber = await caseWithLicence(a, token, await clerk(a))
      const body = { caseNumber, method: 'ems', address: EMS_ADDRESS, signaturePng: signature }
      const answers = await Promise.all([a, b, a, b, a, b].map((s) => api(s, token).post('/api/v1/authorizations', body)))
      expect(answers.map((r) => r.statusCode).sort()).toEqual([201, 409, 409, 409, 409, 409])
    } finally {
      await cluster.close()
    }
  }, 120_000)
})
