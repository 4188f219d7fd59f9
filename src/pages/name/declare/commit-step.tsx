import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { ActionButton } from '@/components/action-button'
import { COMMITMENT } from '@/domain/enterprise-name/reservation'
import { PAGES, currentPageUrl, goToLogin, openPage, withQuery } from '@/routes'
import { useAction } from '@/hooks/use-action'
import { checkName, reserveName } from '@/services/name'
import { useNameDraft } from '@/stores/name'
import { useSession } from '@/stores/session'
import { CheckRow } from '../chip'
import { NAME_PAGES } from '../paths'
import { statedApprovals } from './gates'
import { AlertLine } from '@/components/alert-line'

// The register changed between the check and now: show the fresh result instead.
const STALE_CODES = new Set(['NAME_REJECTED', 'RISK_NOT_CONFIRMED', 'APPROVAL_REQUIRED'])

/** Step 4: the commitment (Reg 16), then the reservation (Reg 18) and its notice. */
export function CommitStep() {
  const { location, entityType, foreignInvested, parts, result, riskConfirmed, approvals, preApproval, setPreApproval, setResult, goTo } = useNameDraft()
  const token = useSession((s) => s.token)
  const me = useSession((s) => s.me)
  const [accepted, setAccepted] = useState(false)
  const { busy, error, run } = useAction()
  if (!location || !result) return null

  const submit = async () => {
    if (!token) return void goToLogin(currentPageUrl())
    if (!me?.realName) return void openPage(withQuery(PAGES.realName, { redirect: currentPageUrl() }))
    const declaration = { locationCode: location.code, entityType, foreignInvested, parts }
    await run(
      async (action) => {
        const stated = statedApprovals(result, approvals)
        const reservation = await reserveName(
          { ...declaration, preApproval, riskConfirmed, ...(stated ? { approvals: stated } : {}), commitmentVersion: COMMITMENT.version },
          action,
        )
        void Taro.showToast({ title: '名称已保留', icon: 'success' })
        await Taro.redirectTo({ url: withQuery(NAME_PAGES.notice, { id: reservation.id }) })
        useNameDraft.getState().reset()
      },
      async (failure) => {
        if (!STALE_CODES.has(failure.code)) return
        setResult(await checkName(declaration).catch(() => null))
        goTo(3)
      },
    )
  }

  return (
    <View>
      <View className='card'>
        <Text className='section-title'>申报名称</Text>
        <Text className='name-composed'>{result.name}</Text>
        <CheckRow
          label='本企业设立须经批准，或经营范围含登记前须经批准的项目（名称保留 1 年，否则保留 2 个月）'
          checked={preApproval}
          onToggle={setPreApproval}
        />
      </View>
      <View className='card'>
        <Text className='section-title'>{COMMITMENT.title}</Text>
        {COMMITMENT.text.map((paragraph) => (
          <Text key={paragraph} className='declare__commitment'>
            {paragraph}
          </Text>
        ))}
        <CheckRow label='我已阅读并同意上述承诺' checked={accepted} onToggle={setAccepted} />
      </View>
      <AlertLine className='name-error' message={error} />
      <View className='declare__actions'>
        <ActionButton block disabled={!accepted || busy} onClick={() => void submit()}>
          {busy ? '提交中…' : '确认申报并保留名称'}
        </ActionButton>
        <ActionButton block variant='ghost' onClick={() => goTo(3)}>
          上一步
        </ActionButton>
      </View>
    </View>
  )
}
