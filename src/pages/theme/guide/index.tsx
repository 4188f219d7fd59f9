import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { PageState, ResourceView } from '@/components/page-state'
import { ActionButton } from '@/components/action-button'
import { AlertLine } from '@/components/alert-line'
import { asChoice, asRole } from '@/components/a11y'
import { useResource } from '@/hooks/use-resource'
import { useAction } from '@/hooks/use-action'
import { listHalls } from '@/services/catalog'
import { createThemeApplication, getTheme, type ThemeDetail } from '@/services/theme'
import { useHall } from '@/stores/hall'
import { useSession } from '@/stores/session'
import { answerProblems, mergeChecklist, selectItems, themeTiming, type Theme } from '@/domain/theme'
import { PAGES, currentPageUrl, decodeParam, goToLogin, withQuery } from '@/routes'
import { THEME_PAGES } from '../paths'
import { shortDepartment, stepsPicture, svgDataUrl } from '../steps-picture'
import '../theme.scss'

const NEED_LABEL = { required: '必交', deferrable: '必交', optional: '按需' } as const

/** The illustrated theme guide (证照通): the steps as a picture, 情形引导, who reviews what, the merged materials, the time. */
export default function ThemeGuidePage() {
  const id = decodeParam(useRouter().params.id)
  const theme = useResource(id ?? null, () => getTheme(id!))
  if (!id)
    return (
      <PageState
        kind='error'
        title='未找到该主题'
        message='请从“一件事一次办”重新选择'
        actionText='查看全部主题'
        onAction={() => void Taro.redirectTo({ url: THEME_PAGES.list })}
      />
    )
  return (
    <View className='theme'>
      <ResourceView of={theme}>{(t) => <Guide theme={t} />}</ResourceView>
    </View>
  )
}

/** The domain's view of the theme the BFF sent (its rules are the catalog's, typed for the pure functions). */
const asTheme = (t: ThemeDetail): Theme => ({
  ...t,
  items: t.rules.map((r) => ({ itemId: r.itemId, why: r.why, ...(r.when ? { when: r.when } : {}) })),
  reported: t.reported ?? undefined,
})

function Guide({ theme }: { theme: ThemeDetail }) {
  const [answers, setAnswers] = useState<Record<string, string>>({})
  const rules = asTheme(theme)
  const unanswered = answerProblems(rules, answers)
  const selected = selectItems(rules, answers)
  // Before every question is answered, the guide shows everything the theme may involve.
  const shown = unanswered.length ? theme.items : selected.map((s) => theme.items.find((i) => i.id === s.itemId)!).filter(Boolean)
  const checklist = mergeChecklist(shown.map((i) => ({ itemId: i.id, itemName: i.name, department: i.department, materials: i.materials })))
  const timing = themeTiming(rules, shown)
  const departments = [...new Set(shown.map((i) => i.department))]
  const picture = stepsPicture({ departments, itemCount: shown.length, materialCount: checklist.materials.length, afterDays: timing.afterDays })

  return (
    <View>
      <View className='theme__band'>
        <Text className='theme__title'>{theme.name}</Text>
        <Text className='theme__sub'>{theme.summary}</Text>
      </View>

      <View className='card'>
        <Text className='section-title'>怎么办</Text>
        {/* A background, not an <img>: the view carries the picture's name in words (an <img> inside Taro's Image has no alt). */}
        <View
          className='theme__picture'
          style={{ backgroundImage: `url("${svgDataUrl(picture.svg)}")`, paddingTop: `${(picture.height / 640) * 100}%` }}
          {...asRole('img', picture.label)}
        />
      </View>

      <TimeCompare beforeDays={timing.beforeDays} afterDays={timing.afterDays} beforeVisits={timing.beforeVisits} source={timing.source} />

      {theme.questions.length ? (
        <View className='card'>
          <Text className='section-title'>情形引导</Text>
          <Text className='muted'>回答以下问题，确定您要办理的事项和材料。</Text>
          {theme.questions.map((q) => (
            <View key={q.id} className='theme__question' {...asRole('radiogroup', q.text)}>
              <Text className='theme__question-text'>{q.text}</Text>
              <Text className='muted theme__line'>{q.hint}</Text>
              <View className='theme__options'>
                {q.options.map((o) => (
                  <View
                    key={o.value}
                    className={`theme__option${answers[q.id] === o.value ? ' theme__option--active' : ''}`}
                    onClick={() => setAnswers({ ...answers, [q.id]: o.value })}
                    {...asChoice('radio', answers[q.id] === o.value)}
                  >
                    <Text>{o.label}</Text>
                  </View>
                ))}
              </View>
            </View>
          ))}
        </View>
      ) : null}

      <View className='card'>
        <Text className='section-title'>{unanswered.length ? `可能涉及的事项（${shown.length}项）` : `您要办理的事项（${shown.length}项）`}</Text>
        {shown.map((item) => (
          <View key={item.id} className='theme__item'>
            <View className='theme__split'>
              <Text className='theme__row-title'>{item.name}</Text>
              <Text className='theme__tag'>{shortDepartment(item.department)}审查</Text>
            </View>
            <Text className='muted theme__line'>
              承诺{item.promisedDays}个工作日{item.resultLicence ? ` · 发《${item.resultLicence}》` : ''}
            </Text>
            {unanswered.length ? null : <Text className='theme__line'>{selected.find((s) => s.itemId === item.id)?.why}</Text>}
          </View>
        ))}
      </View>

      <View className='card'>
        <Text className='section-title'>合并材料清单（{checklist.materials.length}份）</Text>
        <Text className='theme__saved' {...asRole('status')}>
          分开办要交{checklist.separately}份，合并后只需{checklist.materials.length}份，少交{checklist.saved}份
          {checklist.viaDataSharing ? `；另有${checklist.viaDataSharing}份由部门共享获取，无需提交` : ''}
        </Text>
        {checklist.materials.map((m) => (
          <View key={m.key} className='theme__material'>
            <View className='theme__split'>
              <Text className='theme__material-name'>{m.name}</Text>
              <Text className={`theme__need theme__need--${m.necessity}`}>{NEED_LABEL[m.necessity]}</Text>
            </View>
            {m.members.length > 1 ? (
              <Text className='theme__shared'>
                {m.members.length}个事项共用，只交一次：{m.members.map((x) => x.itemName).join('、')}
              </Text>
            ) : (
              <Text className='muted theme__line'>{m.members[0].itemName}</Text>
            )}
          </View>
        ))}
      </View>

      <Start theme={theme} answers={answers} ready={!unanswered.length} />
    </View>
  )
}

function TimeCompare({ beforeDays, afterDays, beforeVisits, source }: { beforeDays: number; afterDays: number; beforeVisits: number; source: string | null }) {
  const widest = Math.max(beforeDays, afterDays, 1)
  return (
    <View className='card'>
      <Text className='section-title'>承诺时限</Text>
      <View className='theme__bar-row'>
        <Text className='theme__bar-label'>过去分别办</Text>
        <View className='theme__bar theme__bar--before' style={{ width: `${(beforeDays / widest) * 60}%` }} />
        <Text className='theme__bar-value'>
          {beforeDays}个工作日 · 跑{beforeVisits}次
        </Text>
      </View>
      <View className='theme__bar-row'>
        <Text className='theme__bar-label'>现在一件事</Text>
        <View className='theme__bar theme__bar--after' style={{ width: `${(afterDays / widest) * 60}%` }} />
        <Text className='theme__bar-value'>{afterDays}个工作日 · 跑1次</Text>
      </View>
      <Text className='muted theme__line'>{source ?? '过去：各事项依次办理的承诺时限之和；现在：各部门并联审查，以用时最长的事项为准。'}</Text>
    </View>
  )
}

function Start({ theme, answers, ready }: { theme: ThemeDetail; answers: Record<string, string>; ready: boolean }) {
  const { busy, error, run } = useAction()
  const chosen = useHall((s) => s.hallId)
  const halls = useResource('halls', listHalls)
  const start = async (hallId: string) => {
    const { token, me } = useSession.getState()
    if (!token) return void goToLogin(currentPageUrl())
    if (!me?.realName) return void Taro.navigateTo({ url: withQuery(PAGES.realName, { redirect: currentPageUrl() }) })
    await run(async (action) => {
      const created = await createThemeApplication({ themeId: theme.id, hallId, answers }, action)
      await Taro.redirectTo({ url: withQuery(THEME_PAGES.application, { id: created.id }) })
    })
  }
  return (
    <View className='theme__footer'>
      <AlertLine className='theme__error' message={error} />
      <ResourceView of={halls} inline>
        {(list) => {
          const hall = list.find((h) => h.id === chosen) ?? list[0]
          return (
            <View>
              <Text className='muted theme__line'>在{hall.name}办理（可在首页更换服务中心）</Text>
              <ActionButton block disabled={!ready || busy} onClick={() => void start(hall.id)}>
                {ready ? '开始申报' : '请先回答情形引导'}
              </ActionButton>
            </View>
          )
        }}
      </ResourceView>
    </View>
  )
}
