import type { ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import { CASE_STATUS_LABEL, type CaseStatus } from '@/domain/review'
import { shanghaiDate, shanghaiTime } from '@/domain/time'
import type { Material } from '@/services/catalog'
import type { CaseFile, CaseNotice } from '@/services/review'
import { asButton, asRole } from '../a11y'
import './index.scss'

/** Parts shared by the applicant's and the reviewer's case pages. */

export const NECESSITY_LABEL = { required: '必要', optional: '非必要', deferrable: '容缺后补' } as const
const FORM_LABEL = { original: '原件', copy: '复印件', original_and_copy: '原件及复印件', electronic: '电子材料' } as const

export function StatusTag({ status }: { status: CaseStatus }) {
  return <Text className={`review-status review-status--${status}`}>{CASE_STATUS_LABEL[status]}</Text>
}

/** The blue head of both case pages (`rv__` styles from pages/review/review.scss): item name and status, then the page's lines. */
export function CaseBanner({ detail, children }: { detail: { itemName: string; status: CaseStatus }; children: ReactNode }) {
  return (
    <View className='rv__banner'>
      <View className='rv__row-between'>
        <Text className='rv__title'>{detail.itemName}</Text>
        <StatusTag status={detail.status} />
      </View>
      {children}
    </View>
  )
}

export const formatSize = (bytes: number) => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)}MB` : `${Math.max(1, Math.round(bytes / 1024))}KB`)

/** Name, necessity badges and the checklist facts of one material. */
export function MaterialHead({ material, extra }: { material: Material; extra?: ReactNode }) {
  const formats = material.formats.map((f) => f.toUpperCase()).join('、')
  return (
    <View>
      <View className='review-material__head'>
        <Text className='review-material__name'>{material.name}</Text>
        <View className='review-material__badges'>
          {material.isMain ? <Text className='review-badge review-badge--main'>主要材料</Text> : null}
          <Text className={`review-badge review-badge--${material.necessity}`}>{NECESSITY_LABEL[material.necessity]}</Text>
        </View>
      </View>
      {material.source === 'shared' ? (
        <Text className='review-material__meta'>免提交：{material.sourceNote ?? '部门间数据共享获取'}，无需上传</Text>
      ) : (
        <Text className='review-material__meta'>
          {FORM_LABEL[material.form]} {material.copies}份 · {formats} · 每个文件不超过{material.maxSizeMb}MB
        </Text>
      )}
      {material.notes ? <Text className='review-material__notes'>{material.notes}</Text> : null}
      {material.hasBlankForm || material.hasExample ? (
        <View className='review-material__extras'>
          {material.hasBlankForm ? <Text className='review-extra'>有空白表格（窗口或官网领取）</Text> : null}
          {material.hasExample ? <Text className='review-extra'>有填写示例</Text> : null}
        </View>
      ) : null}
      {extra}
    </View>
  )
}

/** The accepted files of a material with the checks each passed. */
export function FileList({ files, onView, actions }: { files: CaseFile[]; onView: (file: CaseFile) => void; actions?: (file: CaseFile) => ReactNode }) {
  if (!files.length) return null
  return (
    <View className='review-files'>
      {files.map((file) => (
        <View key={file.id} className='review-file'>
          <View className='review-file__main' onClick={() => onView(file)} {...asButton(`查看${file.name}`)}>
            <Text className='review-file__icon'>{file.kind === 'pdf' ? 'PDF' : '图'}</Text>
            <View className='review-file__text'>
              <Text className='review-file__name'>{file.name}</Text>
              <Text className='review-file__info'>
                {formatSize(file.sizeBytes)}
                {file.pages ? ` · ${file.pages}页` : ''}
                {file.width && file.height ? ` · ${file.width}×${file.height}` : ''}
              </Text>
              <Text className='review-file__checks'>✓ {file.checks.join(' ✓ ')}</Text>
            </View>
          </View>
          {actions ? <View className='review-file__actions'>{actions(file)}</View> : null}
        </View>
      ))}
    </View>
  )
}

const NOTICE_TITLE: Record<CaseNotice['kind'], string> = {
  needs_fix: '材料补正一次性告知书',
  deferral: '容缺受理告知书',
  rejection: '不予受理告知书',
}

/** A notice exactly as issued: every material, its problem, the requirement and the deadline. */
export function NoticeCard({ notice }: { notice: CaseNotice }) {
  return (
    <View className={`card review-notice review-notice--${notice.kind}`} {...asRole('region', NOTICE_TITLE[notice.kind])}>
      <Text className='section-title'>{NOTICE_TITLE[notice.kind]}</Text>
      {notice.kind === 'rejection' ? (
        <View>
          <Text className='review-notice__line'>理由：{notice.reason}</Text>
          <Text className='review-notice__line'>请向{notice.competentAuthority}申请办理。</Text>
        </View>
      ) : (
        <View>
          <Text className='review-notice__lead'>
            {notice.kind === 'needs_fix' ? `以下${notice.items.length}项材料需要补正，其他材料无需重复提交：` : `以下${notice.items.length}项材料容缺后补：`}
          </Text>
          {notice.items.map((item, index) => (
            <View key={item.materialCode} className='review-notice__item'>
              <Text className='review-notice__material'>
                {index + 1}. {item.materialName}
              </Text>
              <Text className='review-notice__line'>问题：{item.problem}</Text>
              <Text className='review-notice__line'>要求：{item.requirement}</Text>
              {item.dueDate ? <Text className='review-notice__line'>期限：{item.dueDate}前</Text> : null}
            </View>
          ))}
          {notice.how ? <Text className='review-notice__line'>方式：{notice.how}</Text> : null}
          {notice.consequence ? <Text className='review-notice__warning'>{notice.consequence}</Text> : null}
        </View>
      )}
      {notice.note ? <Text className='review-notice__line'>预审说明：{notice.note}</Text> : null}
      <Text className='muted'>告知时间：{formatInstant(notice.issuedAt)}</Text>
    </View>
  )
}

/** YYYY-MM-DD HH:MM in Shanghai. */
export const formatInstant = (iso: string) => `${shanghaiDate(new Date(iso))} ${shanghaiTime(new Date(iso))}`

/** "剩余1天3小时" or "已超时5小时": how a case stands against the item's promised time. */
export function formatTimeLeft(ms: number): string {
  const hours = Math.floor(Math.abs(ms) / 3_600_000)
  const text =
    hours >= 24 ? `${Math.floor(hours / 24)}天${hours % 24}小时` : hours >= 1 ? `${hours}小时` : `${Math.max(1, Math.floor(Math.abs(ms) / 60_000))}分钟`
  return ms >= 0 ? `剩余${text}` : `已超时${text}`
}
