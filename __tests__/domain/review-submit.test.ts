import { missingBeforeSubmit, type SubmitMaterial } from '../../src/domain/review'

const m = (code: string, necessity: SubmitMaterial['necessity'], fileCount = 0, deferred = false): SubmitMaterial => ({
  code,
  name: code,
  necessity,
  deferred,
  fileCount,
})

describe('what must still be uploaded before submitting (one rule for the BFF and the case page)', () => {
  const materials = [m('申请书', 'required'), m('场所证明', 'deferrable'), m('照片', 'optional')]

  it('names every required and every deferrable material without a file, and says which may be deferred', () => {
    expect(missingBeforeSubmit('draft', materials, [])).toEqual({
      code: 'MATERIALS_MISSING',
      materials: [materials[0], materials[1]],
      message: '请先上传：「申请书」、「场所证明」（其中「场所证明」可选择容缺后补）',
    })
  })

  it('follows the data: a file or a 容缺 choice removes the material, nothing left means null', () => {
    expect(missingBeforeSubmit('draft', [m('申请书', 'required', 1), materials[1], materials[2]], [])?.message).toBe(
      '请先上传：「场所证明」（其中「场所证明」可选择容缺后补）',
    )
    expect(missingBeforeSubmit('draft', [m('申请书', 'required', 1), materials[1], materials[2]], ['场所证明'])).toBeNull()
    expect(missingBeforeSubmit('needs_fix', [m('申请书', 'required', 2), m('场所证明', 'deferrable', 1)], [])).toBeNull()
  })

  it('after 容缺通过 asks only for the deferred materials', () => {
    const deferredCase = [m('申请书', 'required', 1), m('场所证明', 'deferrable', 0, true), m('照片', 'optional')]
    expect(missingBeforeSubmit('deferred_approved', deferredCase, [])).toMatchObject({ code: 'SUPPLEMENTS_MISSING', message: '请先补传容缺材料：「场所证明」' })
    expect(missingBeforeSubmit('deferred_approved', [deferredCase[0], m('场所证明', 'deferrable', 1, true)], [])).toBeNull()
  })
})
