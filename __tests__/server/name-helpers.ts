import { Readable } from 'node:stream'
import { COMMITMENT } from '../../src/domain/enterprise-name/reservation'
import { importRegister } from '../../server/modules/name/importer'
import { api, loginBySms, nextIdNumber, nextPhone, type TestServer } from './harness'
import { LEGAL_DOCUMENTS } from '../../src/domain/legal'

export const WUHOU = '510107'

/** Loads register rows the way the hall does: through the CSV importer. */
export async function importNames(server: TestServer, lines: string[]) {
  const csv = ['name,status,status_date,city_code', ...lines].join('\n')
  return importRegister(server.db, Readable.from([csv]), server.clock.now())
}

export const checkName = (server: TestServer, name: string, options: { at?: string; entityType?: string; token?: string; foreignInvested?: boolean } = {}) =>
  api(server, options.token).post('/api/v1/names/check', {
    locationCode: options.at ?? WUHOU,
    entityType: options.entityType ?? 'llc',
    name,
    ...(options.foreignInvested ? { foreignInvested: true } : {}),
  })

export function reserveName(server: TestServer, token: string, name: string, options: { riskConfirmed?: boolean; preApproval?: boolean; at?: string } = {}) {
  return api(server, token).post('/api/v1/names/reservations', {
    locationCode: options.at ?? WUHOU,
    entityType: 'llc',
    name,
    preApproval: options.preApproval ?? false,
    ...(options.riskConfirmed ? { riskConfirmed: true } : {}),
    commitmentAccepted: true,
    commitmentVersion: COMMITMENT.version,
  })
}

/** The codes-free view the API gives: `severity · message` per finding, for readable assertions. */
export const findingsOf = (body: { findings: { severity: string; message: string }[] }) => body.findings.map((f) => `${f.severity} · ${f.message}`)

/** A real-name citizen who can sign in again after the test clock has moved past the session lifetime. */
export async function returningCitizen(server: TestServer) {
  const phone = nextPhone()
  const token = await loginBySms(server, phone)
  const bound = await api(server, token).put('/api/v1/me/real-name', {
    sensitiveConsent: LEGAL_DOCUMENTS.sensitive.version,
    name: '李四',
    idNumber: nextIdNumber(),
  })
  if (bound.statusCode !== 200) throw new Error(`real-name failed: ${bound.body}`)
  return { token, signInAgain: () => loginBySms(server, phone) }
}
