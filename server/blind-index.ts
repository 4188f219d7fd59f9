// Blind-index key rotation: an operation over several modules' data (users and SMS codes here, pickup's
// addresses and authorizations through pickup's service), so it sits beside runtime.ts rather than in core/.
import type { PersonalDataCipher } from './core/crypto'
import type { Db } from './core/db'
import { pendingAgentPickups, reindexAddressFingerprints } from './modules/pickup/service'

export interface ReindexReport {
  users: number
  addresses: number
  smsCodesKept: number
  smsCodesDropped: number
}

/**
 * Rotates the blind-index key (BLIND_INDEX_KEY): every index is recomputed from the decrypted value
 * under `cipher`'s index key, in one transaction. The data keys do not change.
 * - users: phone and ID-number indexes from phone_enc and id_number_enc;
 * - sms_codes (no plain value stored): moved with their user's phone index, so daily counts and the
 *   resend interval keep counting; a code is hashed with the index, so one sent before the rotation no
 *   longer logs in (run it with the BFF stopped; users ask for a new code). Codes sent to a number that
 *   has no account yet are dropped (they expire within minutes; that number's daily count restarts);
 * - pickup_addresses: fingerprints from the decrypted address;
 * - authorizations.agent_id_index cannot be recomputed (the agent's full ID number is never stored, and
 *   the index is part of the signed record), so the rotation is refused while an agent pickup is pending.
 */
export async function rotateBlindIndex(db: Db, cipher: PersonalDataCipher): Promise<ReindexReport> {
  return db.tx(async (q) => {
    const pending = await pendingAgentPickups(q)
    if (pending > 0) {
      throw new Error(`blind-index rotation refused: ${pending} agent pickups are pending; rotate when they are collected or expired`)
    }
    const { rows } = await q.query<{ id: string; phone_index: string | null; phone_enc: string | null; id_number_enc: string | null }>(
      'select id, phone_index, phone_enc, id_number_enc from users for update',
    )
    const remapped: string[] = []
    for (const user of rows) {
      const phoneIndex = user.phone_enc ? cipher.blindIndex(`phone:${cipher.decrypt(user.phone_enc)}`) : null
      const idIndex = user.id_number_enc ? cipher.blindIndex(`id:${cipher.decrypt(user.id_number_enc)}`) : null
      if (user.phone_index && phoneIndex && user.phone_index !== phoneIndex) {
        await q.query('update sms_codes set phone_index = $2 where phone_index = $1', [user.phone_index, phoneIndex])
      }
      if (phoneIndex) remapped.push(phoneIndex)
      await q.query('update users set phone_index = coalesce($2, phone_index), id_number_index = $3 where id = $1', [user.id, phoneIndex, idIndex])
    }
    const dropped = await q.query('delete from sms_codes where not (phone_index = any($1::text[]))', [remapped])
    const kept = (await q.query<{ n: number }>('select count(*)::int as n from sms_codes')).rows[0].n
    const addresses = await reindexAddressFingerprints(q, cipher)
    return { users: rows.length, addresses, smsCodesKept: kept, smsCodesDropped: dropped.rowCount ?? 0 }
  })
}
