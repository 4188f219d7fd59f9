import { act, renderHook } from '@testing-library/react'
import { useField } from '../../src/hooks/use-field'

test('a field keeps its text and its own error; typing clears the error', () => {
  const { result } = renderHook(() => useField())
  act(() => result.current.setError('请输入11位手机号'))
  expect(result.current.bind).toMatchObject({ value: '', error: '请输入11位手机号' })
  act(() => result.current.bind.onInput('138'))
  expect(result.current.bind).toMatchObject({ value: '138', error: null })
  expect(result.current.value).toBe('138')
})
