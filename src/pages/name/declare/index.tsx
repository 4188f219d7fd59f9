import { Text, View } from '@tarojs/components'
import { asRole } from '@/components/a11y'
import { useNameDraft, type DeclareStep } from '@/stores/name'
import { CommitStep } from './commit-step'
import { ComposeStep } from './compose-step'
import { LocationStep } from './location-step'
import { ResultStep } from './result-step'
import '../name.scss'
import './index.scss'

const STEPS: Record<DeclareStep, string> = { 1: '所在地与类型', 2: '拟定名称', 3: '检查结果', 4: '承诺与保留' }

/** Compose a name, see every rule and collision, commit and reserve (shared/domain §1). */
export default function DeclarePage() {
  const step = useNameDraft((s) => s.step)
  return (
    <View className='declare'>
      <View className='declare__steps' {...asRole('list', '申报步骤')}>
        {([1, 2, 3, 4] as const).map((n) => (
          <View
            key={n}
            className={`declare__step${n === step ? ' declare__step--current' : ''}${n < step ? ' declare__step--done' : ''}`}
            {...asRole('listitem', `第${n}步 ${STEPS[n]}${n === step ? '（当前）' : ''}`)}
          >
            <Text className='declare__step-number'>{n}</Text>
            <Text className='declare__step-label'>{STEPS[n]}</Text>
          </View>
        ))}
      </View>
      {step === 1 ? <LocationStep /> : step === 2 ? <ComposeStep /> : step === 3 ? <ResultStep /> : <CommitStep />}
    </View>
  )
}
