import { useEffect, useMemo, useState } from 'react'
import { Text, View } from '@tarojs/components'
import { asRole } from '@/components/a11y'
import { ActionButton } from '@/components/action-button'
import { FormField } from '@/components/form-field'
import { ALLOWED_FORMS } from '@/domain/enterprise-name/forms'
import { buildIndustryLexicon } from '@/domain/enterprise-name/industries'
import { composeName } from '@/domain/enterprise-name/parse'
import { checkNameRules } from '@/domain/enterprise-name/rules'
import { useResource } from '@/hooks/use-resource'
import { checkName, searchIndustries, type NameLocation } from '@/services/name'
import { useNameDraft } from '@/stores/name'
import { Chip, CheckRow } from '../chip'
import { FindingList } from '../findings'
import { useAction } from '@/hooks/use-action'
import { useFormErrors } from '@/hooks/use-form'
import { AlertLine } from '@/components/alert-line'

const industries = buildIndustryLexicon()
const COMPANY_TYPES = new Set(['llc', 'joint_stock'])

/** Step 2: the parts of the name, the name they make, and the rules the client can judge at once. */
export function ComposeStep() {
  const { location, entityType, foreignInvested, parts, setParts, setResult, goTo } = useNameDraft()
  const { busy, error, run } = useAction()
  // The BFF is the authority; these are the pure rules (characters, structure, prohibited, restricted).
  const live = useMemo(
    () =>
      location && (parts.zihao || parts.industry || parts.parent)
        ? checkNameRules({ entityType, foreignInvested, parts }, { location, industries }).findings
        : [],
    [location, entityType, foreignInvested, parts],
  )
  const isBranch = entityType === 'branch'
  // What the name cannot go to the BFF without; the wording rules themselves show as 即时提示 below.
  const { errors, validate } = useFormErrors(() => ({
    parent: isBranch && !parts.parent ? '请填写所属企业的全称' : undefined,
    zihao: !isBranch && !parts.zihao ? '请填写字号' : undefined,
  }))
  if (!location) return null
  const name = composeName(parts)

  const submit = async () => {
    if (!validate()) return
    await run(async () => {
      setResult(await checkName({ locationCode: location.code, entityType, foreignInvested, parts }))
      goTo(3)
    })
  }

  return (
    <View>
      <View className='card'>
        <Text className='section-title'>拟定名称</Text>
        {isBranch ? (
          <FormField
            label='所属企业全称'
            value={parts.parent ?? ''}
            maxlength={60}
            placeholder='如 成都蓉光网络科技有限公司'
            error={errors.parent}
            onInput={(parent) => setParts({ parent: parent.trim() })}
          />
        ) : null}
        <DivisionChoice location={location} optional={isBranch} />
        <FormField
          label={isBranch ? '分支机构字号或序号（可选）' : '字号（两个以上汉字）'}
          value={parts.zihao}
          maxlength={20}
          placeholder={isBranch ? '如 第一' : '如 蓉光'}
          error={errors.zihao}
          onInput={(zihao) => setParts({ zihao: zihao.trim() })}
        />
        {isBranch ? null : <IndustryField />}
        <Text className='declare__label'>组织形式</Text>
        <View className='name-chips' {...asRole('radiogroup', '组织形式')}>
          {ALLOWED_FORMS[entityType].map((form) => (
            <Chip key={form} label={form} active={parts.form === form} onTap={() => setParts({ form })} />
          ))}
        </View>
        {COMPANY_TYPES.has(entityType) ? (
          <CheckRow label='使用“集团”字样（须符合企业集团条件）' checked={parts.group} onToggle={(group) => setParts({ group })} />
        ) : null}
        {foreignInvested && !isBranch ? (
          <CheckRow label='使用“（中国）”字样（使用外国投资者字号）' checked={parts.china} onToggle={(china) => setParts({ china })} />
        ) : null}
      </View>

      <View className='card'>
        <Text className='section-title'>名称预览</Text>
        <Text className={`name-composed${parts.zihao || parts.parent ? '' : ' name-composed--empty'}`} {...asRole('status', `名称预览：${name}`)}>
          {parts.zihao || parts.parent ? name : '填写字号后显示完整名称'}
        </Text>
        {live.length ? (
          <View>
            <Text className='declare__label'>即时提示（以提交后的正式检查为准）</Text>
            <FindingList findings={live} />
          </View>
        ) : null}
      </View>

      <AlertLine className='name-error' message={error} />
      <View className='declare__actions'>
        <ActionButton block disabled={busy} onClick={() => void submit()}>
          {busy ? '正在检查…' : '检查名称'}
        </ActionButton>
        <ActionButton block variant='ghost' onClick={() => goTo(1)}>
          上一步
        </ActionButton>
      </View>
    </View>
  )
}

function DivisionChoice({ location, optional }: { location: NameLocation; optional: boolean }) {
  const { parts, setParts } = useNameDraft()
  const choices = optional ? ['', ...location.divisionChoices] : location.divisionChoices
  return (
    <View>
      <Text className='declare__label'>行政区划</Text>
      <View className='name-chips' {...asRole('radiogroup', '行政区划')}>
        {choices.map((division) => (
          <Chip
            key={division || 'none'}
            label={division || '不使用'}
            active={parts.division === division}
            onTap={() => setParts({ division, divisionPlacement: division ? parts.divisionPlacement : 'none' })}
          />
        ))}
      </View>
      {optional ? null : (
        <View>
          <Text className='declare__label'>行政区划位置</Text>
          <View className='name-chips' {...asRole('radiogroup', '行政区划位置')}>
            <Chip label='置于名称开头' active={parts.divisionPlacement === 'prefix'} onTap={() => setParts({ divisionPlacement: 'prefix' })} />
            <Chip label='置于行业后（加括号）' active={parts.divisionPlacement === 'bracket'} onTap={() => setParts({ divisionPlacement: 'bracket' })} />
          </View>
        </View>
      )}
    </View>
  )
}

/** Industry wording: free text, with matching GB/T 4754-based wordings offered as the user types. */
function IndustryField() {
  const { parts, setParts } = useNameDraft()
  const [query, setQuery] = useState(parts.industry)
  useEffect(() => {
    const timer = setTimeout(() => setQuery(parts.industry), 300)
    return () => clearTimeout(timer)
  }, [parts.industry])
  const suggestions = useResource(`industries:${query}`, () => searchIndustries(query))
  const list = suggestions.resource.status === 'ready' ? suggestions.resource.data.filter((option) => option.word !== parts.industry).slice(0, 8) : []
  const chosen = suggestions.resource.status === 'ready' ? suggestions.resource.data.find((option) => option.word === parts.industry) : undefined
  return (
    <View>
      <FormField
        label='行业或经营特点'
        value={parts.industry}
        maxlength={20}
        placeholder='输入或从下方选择，如 网络科技'
        onInput={(industry) => setParts({ industry: industry.trim() })}
      />
      {chosen ? (
        <Text className='muted declare__hint'>
          国民经济行业分类：{chosen.code} {chosen.label}
        </Text>
      ) : null}
      {list.length ? (
        <View className='name-chips declare__suggestions' {...asRole('list', '常用行业表述')}>
          {list.map((option) => (
            <Chip key={option.word} label={option.word} active={false} onTap={() => setParts({ industry: option.word })} />
          ))}
        </View>
      ) : null}
    </View>
  )
}
