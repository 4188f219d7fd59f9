/** Declaring and reserving a name (shared/domain §1.7; Reg 16, 18): commitment, expiry, release, races. */
import { COMMITMENT } from '../../src/domain/enterprise-name/reservation'
import { expireReservations } from '../../server/modules/name/service'
import { api, citizen, describeWithPostgres, loginBySms, startTestCluster, startTestServer, type TestServer } from './harness'
import { checkName, reserveName, returningCitizen, WUHOU } from './name-helpers'

const DAY = 24 * 60 * 60 * 1000

describe('reserving a name', () => {
  let server: TestServer
  beforeEach(async () => {
    server = await startTestServer()
  }, 60_000)
  afterEach(() => server.close())

  it('needs a signed-in, real-name user', async () => {
    expect((await reserveName(server, '', '成都蓉光科技有限公司')).statusCode).toBe(401)
    const unverified = await loginBySms(server)
    const reply = await reserveName(server, unverified, '成都蓉光科技有限公司')
    expect(reply.statusCode).toBe(403)
    expect(reply.json().message).toBe('请先完成实名认证')
  })

  it('requires the current commitment to be accepted', async () => {
    const token = await citizen(server)
    const body = { locationCode: WUHOU, entityType: 'llc', name: '成都蓉光科技有限公司', preApproval: false, commitmentVersion: COMMITMENT.version }
    const unsigned = await api(server, token).post('/api/v1/names/reservations', { ...body, commitmentAccepted: false })
    expect(unsigned.statusCode).toBe(422)
    expect(unsigned.json()).toMatchObject({ code: 'COMMITMENT_REQUIRED', message: expect.stringContaining('承诺书') })
    const stale = await api(server, token).post('/api/v1/names/reservations', { ...body, commitmentAccepted: true, commitmentVersion: '2020-01' })
    expect(stale.statusCode).toBe(409)
    expect(stale.json().code).toBe('COMMITMENT_CHANGED')
  })

  it('refuses a rejected name with every reason, and a risky one until the risk is confirmed', async () => {
    const token = await citizen(server)
    const rejected = await reserveName(server, token, '武侯ABC科技公司')
    expect(rejected.statusCode).toBe(422)
    expect(rejected.json().code).toBe('NAME_REJECTED')
    expect(rejected.json().message).toContain('拉丁字母')
    expect(rejected.json().message).toContain('市辖区名称“武侯”')
    expect(rejected.json().message).toContain('仅用“公司”')
    const risky = await reserveName(server, token, '成都锦城物流有限公司')
    expect(risky.statusCode).toBe(422)
    expect(risky.json().code).toBe('RISK_NOT_CONFIRMED')
    const confirmed = await reserveName(server, token, '成都锦城物流有限公司', { riskConfirmed: true })
    expect(confirmed.statusCode).toBe(201)
    expect(confirmed.json().reservation).toMatchObject({ riskConfirmed: true, findings: [expect.objectContaining({ severity: 'warn' })] })
  })

  it('reserves for two months (a year with a pre-approval) and gives the notice data', async () => {
    const token = await citizen(server)
    const reply = await reserveName(server, token, '成都蓉光网络科技有限公司')
    expect(reply.statusCode).toBe(201)
    const reservation = reply.json().reservation
    expect(reservation).toMatchObject({
      number: expect.stringMatching(/^MC20261124\d{6}$/),
      name: '成都蓉光网络科技有限公司',
      status: 'active',
      lastDay: '2027-01-24',
      expiresAt: '2027-01-24T16:00:00.000Z',
      locationLabel: '四川省成都市武侯区',
      entityTypeLabel: '有限责任公司',
      commitment: { version: COMMITMENT.version, text: COMMITMENT.text.join('\n') },
      notice: expect.stringContaining('仍可能依法对名称不予登记'),
    })
    server.clock.advance(60_000)
    const longer = await reserveName(server, token, '成都熊猫国际贸易有限公司', { preApproval: true })
    expect(longer.json().reservation).toMatchObject({ preApproval: true, lastDay: '2027-11-24' })

    const mine = (await api(server, token).get('/api/v1/names/reservations')).json().reservations
    expect(mine.map((r: { name: string }) => r.name)).toEqual(['成都熊猫国际贸易有限公司', '成都蓉光网络科技有限公司'])
    expect((await api(server, token).get(`/api/v1/names/reservations/${reservation.id}`)).json().reservation.number).toBe(reservation.number)
    const stranger = await citizen(server)
    expect((await api(server, stranger).get(`/api/v1/names/reservations/${reservation.id}`)).statusCode).toBe(404)
    expect((await api(server, stranger).post(`/api/v1/names/reservations/${reservation.id}/release`)).statusCode).toBe(404)
  })

  it('blocks others’ identical declarations but not the holder’s, until released', async () => {
    const holder = await citizen(server)
    const other = await citizen(server)
    const { reservation } = (await reserveName(server, holder, '成都蓉光网络科技有限公司')).json()
    const seen = (await checkName(server, '蓉光网络科技（成都）有限公司', { token: other })).json()
    expect(seen.verdict).toBe('reject')
    expect(seen.findings[0].matches).toEqual([{ name: '成都蓉光网络科技有限公司', status: 'reserved' }])
    expect((await checkName(server, '成都蓉光网络科技有限公司', { token: holder })).json().verdict).toBe('accept')
    expect((await reserveName(server, holder, '成都蓉光网络科技有限公司')).json().code).toBe('ALREADY_RESERVED')
    expect((await reserveName(server, other, '成都蓉光网络科技有限公司')).json().code).toBe('NAME_REJECTED')

    const released = await api(server, holder).post(`/api/v1/names/reservations/${reservation.id}/release`)
    expect(released.json().reservation).toMatchObject({ status: 'released', endedAt: expect.any(String) })
    expect((await api(server, holder).post(`/api/v1/names/reservations/${reservation.id}/release`)).json().code).toBe('NOT_ACTIVE')
    expect((await checkName(server, '成都蓉光网络科技有限公司', { token: other })).json().verdict).toBe('accept')
    expect((await reserveName(server, other, '成都蓉光网络科技有限公司')).statusCode).toBe(201)
  })

  it('expires by itself: stops blocking at once, then the job marks it and tells the holder', async () => {
    const first = await returningCitizen(server)
    const second = await returningCitizen(server)
    const { reservation } = (await reserveName(server, first.token, '成都蓉光网络科技有限公司')).json()
    server.clock.set('2027-01-24T23:59:00+08:00')
    const [holder, other] = [await first.signInAgain(), await second.signInAgain()]
    expect((await checkName(server, '成都蓉光网络科技有限公司')).json().verdict).toBe('reject')
    server.clock.advance(60_000)
    // Past midnight after the last day, before any job ran.
    expect((await checkName(server, '成都蓉光网络科技有限公司')).json().verdict).toBe('accept')
    expect((await api(server, holder).get('/api/v1/names/reservations')).json().reservations[0].status).toBe('expired')
    expect((await api(server, holder).post(`/api/v1/names/reservations/${reservation.id}/release`)).json().code).toBe('NOT_ACTIVE')

    expect(await expireReservations(server.runtime)).toBe(1)
    expect(await expireReservations(server.runtime)).toBe(0)
    const messages = (await api(server, holder).get('/api/v1/me/messages')).json().messages
    expect(messages[0]).toMatchObject({ kind: 'name_reservation_expired', body: expect.stringContaining('成都蓉光网络科技有限公司') })
    expect((await reserveName(server, other, '成都蓉光网络科技有限公司')).statusCode).toBe(201)
  })

  it('lets another applicant take a lapsed name even before the expiry job ran', async () => {
    const holder = await citizen(server)
    await reserveName(server, holder, '成都蓉光网络科技有限公司')
    server.clock.advance(70 * DAY)
    const other = await citizen(server)
    expect((await reserveName(server, other, '成都蓉光网络科技有限公司')).statusCode).toBe(201)
    const { rows } = await server.db.query<{ status: string }>(`select status from name_reservations where zihao = '蓉光' order by reserved_at`)
    expect(rows.map((r) => r.status)).toEqual(['expired', 'active'])
  })

  it('of many applicants reserving one name at the same moment, exactly one wins', async () => {
    const tokens = await Promise.all(Array.from({ length: 12 }, () => citizen(server)))
    const replies = await Promise.all(tokens.map((token, i) => reserveName(server, token, i % 2 ? '成都蓉光网络科技有限公司' : '蓉光网络科技（成都）有限公司')))
    const statuses = replies.map((r) => r.statusCode)
    expect(statuses.filter((s) => s === 201)).toHaveLength(1)
    expect(statuses.filter((s) => s === 422)).toHaveLength(11)
    const { rows } = await server.db.query<{ n: number }>(`select count(*)::int as n from name_reservations where zihao = '蓉光' and status = 'active'`)
    expect(rows[0].n).toBe(1)
  }, 60_000)
})

describeWithPostgres('reservation race across two BFF instances on PostgreSQL', () => {
  it('exactly one of many simultaneous reservations of one name wins', async () => {
    const cluster = await startTestCluster(2)
    try {
      const [a, b] = cluster.servers
      const tokens = await Promise.all(Array.from({ length: 16 }, () => citizen(a)))
      const replies = await Promise.all(
        tokens.map((token, i) =>
          reserveName(i % 2 ? a : b, token, ['成都蓉光网络科技有限公司', '四川蓉光网络科技有限公司', '蓉光网络科技（成都）有限公司'][i % 3]),
        ),
      )
      const statuses = replies.map((r) => r.statusCode)
      expect(statuses.filter((s) => s === 201)).toHaveLength(1)
      expect(statuses.filter((s) => s !== 201).every((s) => s === 422)).toBe(true)
      const { rows } = await a.db.query<{ n: number }>(`select count(*)::int as n from name_reservations where zihao = '蓉光' and status = 'active'`)
      expect(rows[0].n).toBe(1)
    } finally {
      await cluster.close()
    }
  }, 120_000)
})
