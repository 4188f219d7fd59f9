import type { DivisionNode, EntityType, NameParts, RegisterStatus, Severity, Verdict } from '../domain/enterprise-name/types'
import { http } from './http'

export interface DivisionEntry {
  code: string
  name: string
}

export interface NameLocation {
  code: string
  scopeCode: string
  label: string
  province: DivisionNode
  city: DivisionNode | null
  county: DivisionNode | null
  divisionChoices: string[]
}

export interface IndustryOption {
  word: string
  code: string
  label: string
}

export interface CheckFinding {
  severity: Severity
  rule: string
  message: string
  matches?: { name: string; status: RegisterStatus }[]
  /** 限用: the approval document needed (and, on a reservation, the one the applicant stated). */
  approval?: { key: string; document: string; reference?: string }
}

/** 限用: an approval document the applicant holds, stated by its title and number. */
export interface StatedApproval {
  key: string
  reference: string
}

export interface CheckResult {
  verdict: Verdict
  name: string
  parts: NameParts
  findings: CheckFinding[]
}

export interface Declaration {
  locationCode: string
  entityType: EntityType
  foreignInvested: boolean
  parts: NameParts
}

export interface NameReservation {
  id: string
  number: string
  name: string
  parts: NameParts
  entityType: EntityType
  entityTypeLabel: string
  foreignInvested: boolean
  locationCode: string
  locationLabel: string
  preApproval: boolean
  status: 'active' | 'released' | 'expired'
  reservedAt: string
  expiresAt: string
  lastDay: string
  endedAt: string | null
  riskConfirmed: boolean
  commitment: { version: string; text: string }
  findings: CheckFinding[]
  notice: string
}

/** Provinces without a parent; then the cities of a province, the counties of a city. */
export const listDivisions = async (parent?: string) => (await http.get<{ divisions: DivisionEntry[] }>('/api/v1/names/divisions', { parent })).divisions

export const getLocation = async (code: string) => (await http.get<{ location: NameLocation }>(`/api/v1/names/locations/${encodeURIComponent(code)}`)).location

export const searchIndustries = async (q: string) => (await http.get<{ industries: IndustryOption[] }>('/api/v1/names/industries', { q: q.trim() || undefined })).industries

export const checkName = (declaration: Declaration) => http.post<CheckResult>('/api/v1/names/check', declaration)

export const reserveName = async (declaration: Declaration & { preApproval: boolean; riskConfirmed: boolean; approvals?: StatedApproval[]; commitmentVersion: string }) =>
  (await http.post<{ reservation: NameReservation }>('/api/v1/names/reservations', { ...declaration, commitmentAccepted: true })).reservation

export const listMyNames = async () => (await http.get<{ reservations: NameReservation[] }>('/api/v1/names/reservations')).reservations

export const getReservation = async (id: string) => (await http.get<{ reservation: NameReservation }>(`/api/v1/names/reservations/${encodeURIComponent(id)}`)).reservation

export const releaseReservation = async (id: string) =>
  (await http.post<{ reservation: NameReservation }>(`/api/v1/names/reservations/${encodeURIComponent(id)}/release`)).reservation
