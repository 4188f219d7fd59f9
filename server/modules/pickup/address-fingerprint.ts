import type { PersonalDataCipher } from '../../core/crypto'
import type { Queryable } from '../../core/db'
import { canonicalJson } from '../../core/canonical-json'
import { lockAllAddresses, setAddressFingerprint } from './repository'

export interface AddressFields {
  recipient: string
  phone: string
  provinceCode: string
  cityCode: string
  districtCode: string
  address: string
}

/**
 * Blind index of a remembered address, so remembering it twice keeps one row. `remember: true` has been
 * part of its input since the first version (the request's address object was indexed as sent); it stays
 * so fingerprints already stored remain valid.
 */
export function addressFingerprint(cipher: PersonalDataCipher, fields: AddressFields): string {
  const { recipient, phone, provinceCode, cityCode, districtCode, address } = fields
  return cipher.blindIndex(`address:${canonicalJson({ recipient, phone, provinceCode, cityCode, districtCode, address, remember: true })}`)
}

/** Recomputes every remembered address's fingerprint from its decrypted fields (blind-index key rotation). */
export async function reindexAddressFingerprints(q: Queryable, cipher: PersonalDataCipher): Promise<number> {
  const rows = await lockAllAddresses(q)
  for (const row of rows) {
    const fingerprint = addressFingerprint(cipher, {
      recipient: cipher.decrypt(row.recipient_enc),
      phone: cipher.decrypt(row.phone_enc),
      provinceCode: row.province_code,
      cityCode: row.city_code,
      districtCode: row.district_code,
      address: cipher.decrypt(row.address_enc),
    })
    await setAddressFingerprint(q, row.id, fingerprint)
  }
  return rows.length
}
