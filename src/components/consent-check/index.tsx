import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { asButton, asChoice } from '@/components/a11y'
import { LEGAL_DOCUMENTS, type LegalDocument } from '@/domain/legal'
import { pageLink } from '@/domain/page-routes'
import './index.scss'

interface ConsentCheckProps {
  /** The documents the box agrees to; each title opens its page. */
  documents: readonly LegalDocument[]
  checked: boolean
  onChange: (checked: boolean) => void
  /** Shown under the box while it is unticked after the user tried to go on. */
  error?: string | null
}

const titles = (documents: readonly LegalDocument[]) => documents.map((d) => LEGAL_DOCUMENTS[d].title).join('和')

/**
 * An unticked checkbox "我已阅读并同意《…》" (PIPL art. 14: consent is an explicit act, never pre-ticked),
 * with each document's title a link to its page.
 */
export function ConsentCheck({ documents, checked, onChange, error }: ConsentCheckProps) {
  return (
    <View className='consent-check'>
      <View className='consent-check__row'>
        <View
          className={`consent-check__box${checked ? ' consent-check__box--on' : ''}`}
          onClick={() => onChange(!checked)}
          {...asChoice('checkbox', checked, `我已阅读并同意${titles(documents)}`)}
        >
          <Text className='consent-check__mark'>{checked ? '✓' : ''}</Text>
          <Text className='consent-check__label'>我已阅读并同意</Text>
        </View>
        {documents.map((document, i) => (
          <Text
            key={document}
            className='consent-check__link'
            onClick={() => void Taro.navigateTo({ url: pageLink('legal', { doc: document }) })}
            {...asButton()}
          >
            {i > 0 ? '和' : ''}
            {LEGAL_DOCUMENTS[document].title}
          </Text>
        ))}
      </View>
      {error && !checked ? <Text className='consent-check__error'>{error}</Text> : null}
    </View>
  )
}
