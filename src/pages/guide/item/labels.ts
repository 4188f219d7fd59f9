import type { MaterialForm, MaterialNecessity, MaterialSource } from '@/services/catalog'

export const NECESSITY_LABEL: Record<MaterialNecessity, string> = { required: '必要', optional: '非必要', deferrable: '容缺后补' }

export const FORM_LABEL: Record<MaterialForm, string> = {
  original: '原件',
  copy: '复印件',
  original_and_copy: '原件及复印件',
  electronic: '电子材料',
}

export const SOURCE_LABEL: Record<MaterialSource, string> = { self: '自备', department: '部门核发', shared: '免提交' }

/** 0 working days means the item is settled on the spot. */
export const daysLabel = (days: number) => (days === 0 ? '即办' : `${days}个工作日`)
