import { useEffect, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { ActionButton } from '@/components/action-button'
import { AuthorizationTextView } from '@/components/authorization'
import { FormField } from '@/components/form-field'
import { PageState, ResourceView } from '@/components/page-state'
import { SignaturePad } from '@/components/signature-pad'
import { askSubscribe } from '@/services/subscribe'
import { asButton, asChoice, asRole } from '@/components/a11y'
import { shanghaiDate } from '@/domain/time'
import { useResource } from '@/hooks/use-resource'
import { getPickupCase, listAddresses, signAuthorization, type AuthorizationDraft, type PickupCase, type SavedAddress } from '@/services/pickup'
import { serverNow } from '@/services/server-time'
import { usePickupForm } from '@/stores/pickup'
import { useSession } from '@/stores/session'
import { PAGES, currentPageUrl, decodeParam, goToLogin, openPage, withQuery } from '@/routes'
import { PICKUP_PAGES } from '../routes'
import { checkAddress, checkAgent, methodOf, previewDocument, signRequest, toSelf, type Chosen, type SelfRecipient } from './form'
import { RegionSelect } from './region-select'
import { refusalModal, useAction } from '@/hooks/use-action'
import { useFormErrors, type FieldErrors } from '@/hooks/use-form'
import { confirmAction } from '@/components/modal'
import './index.scss'

interface Loaded {
  pickupCase: PickupCase
  addresses: SavedAddress[]
}

/** Choose EMS delivery or an agent, read the 取件委托书 built from that, sign and confirm. */
export default function AuthorizePage() {
  const caseNumber = decodeParam(useRouter().params.caseNumber)
  const token = useSession((s) => s.token)
  const data = useResource(token && caseNumber ? caseNumber : null, async (): Promise<Loaded> => {
    const [pickupCase, addresses] = await Promise.all([getPickupCase(caseNumber!), listAddresses()])
    return { pickupCase, addresses }
  })

  if (!caseNumber) return <PageState kind='error' title='缺少办件编号' message='请从“我的委托”或消息中重新进入' />
  if (!token) return <PageState kind='empty' title='请先登录' message='登录后签署取件委托书' actionText='去登录' onAction={() => void goToLogin()} />
  return (
    <View className='authorize'>
      <ResourceView of={data}>{(loaded) => <CaseState loaded={loaded} />}</ResourceView>
    </View>
  )
}

function CaseState({ loaded }: { loaded: Loaded }) {
  const { pickupCase } = loaded
  const licence = pickupCase.licence
  const live = licence?.authorization && licence.authorization.status !== 'expired' ? licence.authorization : null
  if (!pickupCase.resultLicence) return <PageState kind='empty' title='该事项办结后不出具证照' message='无需签署取件委托书' />
  if (!licence)
    return <PageState kind='empty' title='证照尚未出证' message={`办件 ${pickupCase.caseNumber} 的${pickupCase.resultLicence}出证后，会通过消息通知您`} />
  if (live) {
    return (
      <PageState
        kind='empty'
        title={`已签署取件委托书（${live.statusLabel}）`}
        message={`委托书编号 ${live.number}`}
        actionText='查看委托'
        onAction={() => void Taro.redirectTo({ url: PICKUP_PAGES.detail(live.id) })}
      />
    )
  }
  if (licence.status === 'handed_over') return <PageState kind='empty' title='证照已领取' message={`办件 ${pickupCase.caseNumber}`} />
  if (!pickupCase.draft) {
    return (
      <PageState
        kind='empty'
        title='请先完成实名认证'
        message='取件委托书须由实名认证的申请人本人签署'
        actionText='去实名认证'
        onAction={() => void openPage(withQuery(PAGES.realName, { redirect: currentPageUrl() }))}
      />
    )
  }
  return <AuthorizeFlow draft={pickupCase.draft} addresses={loaded.addresses} expired={licence.authorization?.status === 'expired'} />
}

function AuthorizeFlow({ draft, addresses, expired }: { draft: AuthorizationDraft; addresses: SavedAddress[]; expired: boolean }) {
  const form = usePickupForm()
  const [step, setStep] = useState<'form' | 'sign'>('form')
  const { busy: submitting, run } = useAction()
  const phoneMasked = useSession((s) => s.me?.phoneMasked ?? null)
  // The signer's own name is in the draft they are about to sign; the phone stays masked (the BFF fills it in).
  const self: SelfRecipient | null = phoneMasked ? { name: draft.principal.name, phoneMasked } : null

  const openForm = form.open
  useEffect(() => openForm(draft.caseNumber), [openForm, draft.caseNumber])
  const saved = form.method === 'ems' ? (addresses.find((a) => a.id === form.savedAddressId) ?? null) : null

  const chosen = (): Chosen =>
    form.method === 'agent' ? { kind: 'agent', form: form.agent } : saved ? { kind: 'saved', saved } : { kind: 'ems', form: form.address, self }
  const { errors, validate } = useFormErrors<string>(() =>
    form.method === 'agent' ? checkAgent(form.agent, shanghaiDate(serverNow())) : saved ? {} : checkAddress(form.address, self),
  )

  const next = () => {
    if (!validate()) {
      void Taro.showToast({ title: '请按提示修改后再继续', icon: 'none' })
      return
    }
    // Asked inside the tap that leads to signing (WeChat's rule): the parcel's progress comes by WeChat too.
    void askSubscribe('signAuthorization')
    setStep('sign')
    Taro.pageScrollTo({ scrollTop: 0, duration: 0 }).catch(() => undefined)
  }

  const submit = async (signaturePng: string) => {
    if (!(await confirmAction({ title: '确认签署委托书', content: bindingText(draft, methodOf(chosen())), confirmText: '确认签署' }))) return
    await run(async (action) => {
      const created = await signAuthorization(signRequest(draft.caseNumber, signaturePng, chosen()), action)
      form.reset()
      void Taro.showToast({ title: '签署成功', icon: 'success' })
      void Taro.redirectTo({ url: PICKUP_PAGES.detail(created.id) })
    }, refusalModal('签署未成功'))
  }

  if (step === 'sign') {
    return (
      <View>
        <View className='card'>
          <Text className='section-title'>请阅读委托书全文</Text>
          <AuthorizationTextView document={previewDocument(draft, methodOf(chosen()))} />
        </View>
        <View className='card'>
          <Text className='section-title'>委托人签名</Text>
          <Text className='muted authorize__sign-note'>
            请用手指在框内签写本人姓名。确认后，签名与上述内容一并生成委托书并加盖服务端电子签名，签署后不可更改。
          </Text>
          <SignaturePad onConfirm={(png) => void submit(png)} busy={submitting} confirmText='确认签署' />
        </View>
        <View className='authorize__back'>
          <ActionButton variant='plain' block onClick={() => setStep('form')} disabled={submitting}>
            返回修改
          </ActionButton>
        </View>
      </View>
    )
  }

  return (
    <View>
      {expired ? (
        <View className='authorize__notice' {...asRole('status')}>
          上一份委托书已过有效期，请重新选择领取方式并签署。
        </View>
      ) : null}
      <View className='card'>
        <Text className='section-title'>{draft.licenceName}</Text>
        <Text className='authorize__fact'>份数：{draft.licenceCopies}</Text>
        <Text className='authorize__fact'>办件编号：{draft.caseNumber}</Text>
        <Text className='authorize__fact'>办理事项：{draft.itemName}</Text>
        <Text className='authorize__fact'>办理机构：{draft.hallName}</Text>
      </View>

      <View className='card'>
        <Text className='section-title'>领取方式</Text>
        <View className='authorize__methods' {...asRole('radiogroup', '领取方式')}>
          <MethodOption active={form.method === 'ems'} title='EMS寄递到家' desc='免费寄递，收件人签收' onChoose={() => form.setMethod('ems')} />
          <MethodOption active={form.method === 'agent'} title='委托他人代领' desc='代领人凭身份证到窗口' onChoose={() => form.setMethod('agent')} />
        </View>
      </View>

      {form.method === 'ems' ? <EmsFields addresses={addresses} self={self} errors={errors} /> : <AgentFields errors={errors} />}

      <View className='authorize__next'>
        <ActionButton block onClick={next}>
          下一步：阅读并签署委托书
        </ActionButton>
      </View>
    </View>
  )
}

function MethodOption({ active, title, desc, onChoose }: { active: boolean; title: string; desc: string; onChoose: () => void }) {
  const a11y = asChoice('radio', active, title)
  return (
    <View className={`authorize__method${active ? ' authorize__method--active' : ''}`} onClick={onChoose} {...a11y}>
      <Text className='authorize__method-title'>{title}</Text>
      <Text className='authorize__method-desc'>{desc}</Text>
    </View>
  )
}

function EmsFields({ addresses, self, errors }: { addresses: SavedAddress[]; self: SelfRecipient | null; errors: FieldErrors<string> }) {
  const form = usePickupForm()
  const a = form.address
  return (
    <View className='card'>
      <Text className='section-title'>收件信息</Text>
      {addresses.length ? (
        <View className='authorize__saved' {...asRole('radiogroup', '常用地址')}>
          {addresses.map((address) => (
            <SavedOption key={address.id} address={address} active={form.savedAddressId === address.id} onChoose={() => form.chooseSaved(address.id)} />
          ))}
          <View
            className={`authorize__saved-item${form.savedAddressId === null ? ' authorize__saved-item--active' : ''}`}
            onClick={() => form.chooseSaved(null)}
            {...asButton('使用新地址')}
          >
            <Text>使用新地址</Text>
          </View>
        </View>
      ) : null}
      {form.savedAddressId === null ? (
        <View>
          <RecipientFields self={self} errors={errors} />
          <RegionSelect value={a} onChange={(region) => form.setAddress(region)} error={errors.region} />
          <FormField
            label='详细地址'
            value={a.address}
            onInput={(address) => form.setAddress({ address })}
            placeholder='街道、门牌号、楼栋单元'
            maxlength={80}
            multiline
            error={errors.address}
          />
          <View
            className={`authorize__remember${a.remember ? ' authorize__remember--on' : ''}`}
            onClick={() => form.setAddress({ remember: !a.remember })}
            {...asChoice('checkbox', a.remember, '记住此地址')}
          >
            <Text className='authorize__checkbox'>{a.remember ? '✓' : ''}</Text>
            <Text>记住此地址，下次直接选用（加密保存）</Text>
          </View>
        </View>
      ) : null}
    </View>
  )
}

/** Who receives the parcel: the signer by default (name and masked phone filled by the BFF), or someone typed in. */
function RecipientFields({ self, errors }: { self: SelfRecipient | null; errors: FieldErrors<string> }) {
  const form = usePickupForm()
  const a = form.address
  if (self && toSelf({ form: a, self })) {
    return (
      <View className='authorize__self'>
        <Text className='form-field__label'>收件人</Text>
        <Text className='authorize__self-name'>本人（{self.phoneMasked}）</Text>
        <Text className='muted'>{self.name}，使用您登录的手机号接收寄递短信</Text>
        <Text className='authorize__switch' onClick={() => form.setAddress({ toSelf: false })} {...asButton()}>
          改用其他号码/收件人
        </Text>
      </View>
    )
  }
  return (
    <View>
      {self ? (
        <Text className='authorize__switch' onClick={() => form.setAddress({ toSelf: true })} {...asButton()}>
          改回本人（{self.phoneMasked}）
        </Text>
      ) : null}
      <FormField
        label='收件人'
        value={a.recipient}
        onInput={(recipient) => form.setAddress({ recipient })}
        maxlength={30}
        placeholder='收件人姓名'
        error={errors.recipient}
      />
      <FormField
        label='收件人手机号'
        keyboard='number'
        value={a.phone}
        onInput={(phone) => form.setAddress({ phone })}
        maxlength={11}
        placeholder='11位手机号'
        error={errors.phone}
      />
    </View>
  )
}

/** What signing binds, in the words of the confirmation: who receives the licence, by which means. */
function bindingText(draft: AuthorizationDraft, method: ReturnType<typeof methodOf>) {
  const what = `${draft.licenceName}（办件 ${draft.caseNumber}）`
  return method.kind === 'ems'
    ? `签署后，${draft.hallName}将把${what}由EMS寄给${method.recipient}（${method.phoneMasked}），寄出后通知您EMS单号。委托书签署后不可更改，确定签署吗？`
    : `签署后，${method.name}（${method.phoneMasked}）可凭本人身份证和取件码到${draft.hallName}代您领取${what}。委托书签署后不可更改，确定签署吗？`
}

function SavedOption({ address, active, onChoose }: { address: SavedAddress; active: boolean; onChoose: () => void }) {
  const text = `${address.recipient} ${address.phoneMasked} ${address.province}${address.city}${address.district}${address.address}`
  return (
    <View className={`authorize__saved-item${active ? ' authorize__saved-item--active' : ''}`} onClick={onChoose} {...asButton(text)}>
      <Text className='authorize__saved-name'>
        {address.recipient} {address.phoneMasked}
      </Text>
      <Text className='authorize__saved-address'>
        {address.province}
        {address.city}
        {address.district}
        {address.address}
      </Text>
    </View>
  )
}

function AgentFields({ errors }: { errors: FieldErrors<string> }) {
  const form = usePickupForm()
  const a = form.agent
  return (
    <View className='card'>
      <Text className='section-title'>代领人信息</Text>
      <FormField
        label='代领人姓名'
        value={a.name}
        onInput={(name) => form.setAgent({ name })}
        maxlength={20}
        placeholder='与代领人身份证一致'
        error={errors.name}
      />
      <FormField
        label='代领人身份证号'
        keyboard='idcard'
        value={a.idNumber}
        onInput={(idNumber) => form.setAgent({ idNumber })}
        maxlength={18}
        placeholder='18位身份证号码'
        error={errors.idNumber}
      />
      <FormField
        label='代领人手机号'
        keyboard='number'
        value={a.phone}
        onInput={(phone) => form.setAgent({ phone })}
        maxlength={11}
        placeholder='11位手机号'
        error={errors.phone}
      />
      <Text className='muted'>代领人须携带本人身份证原件和您手机上的取件码到窗口领取；身份证号仅用于窗口核验，不会完整显示。</Text>
    </View>
  )
}
