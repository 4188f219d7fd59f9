import { useState, type ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import { ActionButton } from '../action-button'
import { asRole } from '../a11y'
import { authorizationText, chineseDateTime, type AuthorizationDocument } from '@/domain/pickup-authorization'
import { useAction } from '@/hooks/use-action'
import { openAuthorizationPdf, verifyAuthorization, type AuthorizationEvent, type Verification } from '@/services/pickup'
import './index.scss'

/** The 取件委托书 as text, from the one builder the PDF uses too. */
export function AuthorizationTextView({ document }: { document: AuthorizationDocument }) {
  const text = authorizationText(document)
  return (
    <View className='authorization-text' {...asRole('document', text.title)}>
      <Text className='authorization-text__title'>{text.title}</Text>
      {text.sections.map((section) => (
        <View key={section.heading} className='authorization-text__section'>
          <Text className='authorization-text__heading'>{section.heading}</Text>
          {section.lines.map((line) => (
            <Text key={line} className='authorization-text__line'>
              {line}
            </Text>
          ))}
        </View>
      ))}
      <View className='authorization-text__signing'>
        {text.signing.map((line) => (
          <Text key={line} className='authorization-text__line'>
            {line}
          </Text>
        ))}
      </View>
    </View>
  )
}

/** One entry of a timeline: what happened, an optional detail line, when. */
export interface TimelineEntry {
  key: string
  label: string
  note: string | null
  at: string
}

/** A vertical timeline, newest first as given, the newest entry stressed. */
export function Timeline({ name, entries }: { name: string; entries: TimelineEntry[] }) {
  return (
    <View className='authorization-events' {...asRole('list', name)}>
      {entries.map((entry, i) => (
        <View key={entry.key} className={`authorization-events__item${i === 0 ? ' authorization-events__item--latest' : ''}`} {...asRole('listitem')}>
          <Text className='authorization-events__label'>{entry.label}</Text>
          {entry.note ? <Text className='authorization-events__note'>{entry.note}</Text> : null}
          <Text className='authorization-events__time'>{chineseDateTime(new Date(entry.at))}</Text>
        </View>
      ))}
    </View>
  )
}

export function EventTimeline({ events }: { events: AuthorizationEvent[] }) {
  const entries = events.map((event, i) => ({ key: `${event.kind}-${event.at}-${i}`, label: event.label, note: event.note, at: event.at }))
  return <Timeline name='办理进度' entries={entries.reverse()} />
}

/** Download of the signed PDF and the integrity check, for the principal and the hall alike. */
export function AuthorizationRecord({ id, number }: { id: string; number: string }) {
  const downloading = useAction({ toast: true })
  const checking = useAction({ toast: true })
  const [verification, setVerification] = useState<Verification | null>(null)

  const download = () => downloading.run(() => openAuthorizationPdf(id, number))
  const verify = () => checking.run(async () => setVerification(await verifyAuthorization(id)))

  return (
    <View className='authorization-record'>
      <View className='authorization-record__actions'>
        <ActionButton variant='ghost' onClick={() => void download()} disabled={downloading.busy}>
          {downloading.busy ? '下载中…' : '下载委托书PDF'}
        </ActionButton>
        <ActionButton variant='ghost' onClick={() => void verify()} disabled={checking.busy}>
          {checking.busy ? '核验中…' : '核验是否被改动'}
        </ActionButton>
      </View>
      {verification ? (
        <View className={`authorization-record__result authorization-record__result--${verification.intact ? 'ok' : 'bad'}`} {...asRole('status')}>
          <Text className='authorization-record__verdict'>
            {verification.intact ? '核验通过：委托书内容、签名和文件均未被改动' : '核验未通过：委托书记录已被改动，请联系服务中心'}
          </Text>
          {verification.checks.map((check) => (
            <Text key={check.key} className='authorization-record__check'>
              {check.ok ? '✓' : '✗'} {check.label}
            </Text>
          ))}
          <Text className='authorization-record__digest'>摘要 SHA-256：{verification.digest}</Text>
        </View>
      ) : null}
    </View>
  )
}

/**
 * The progress and the signed document, the two cards both the principal's and the clerk's detail pages end
 * with; `children` (how the document's text is shown) go under its download and check buttons.
 */
export function AuthorizationHistory({
  authorization: a,
  children,
}: {
  authorization: { id: string; number: string; events: AuthorizationEvent[] }
  children: ReactNode
}) {
  return (
    <>
      <View className='card'>
        <Text className='section-title'>办理进度</Text>
        <EventTimeline events={a.events} />
      </View>
      <View className='card'>
        <Text className='section-title'>委托书</Text>
        <AuthorizationRecord id={a.id} number={a.number} />
        {children}
      </View>
    </>
  )
}
