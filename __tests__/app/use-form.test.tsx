import { act, renderHook } from '@testing-library/react'
import { useCheckedForm } from '../../src/hooks/use-form'

const check = (values: { phone: string; code: string }) => ({
  phone: /^1\d{10}$/.test(values.phone) ? undefined : '请输入11位手机号',
  code: /^\d{6}$/.test(values.code) ? undefined : '请输入6位验证码',
})

test('shows nothing until the first try, then judges every field as it is typed: an error goes when the field is valid and comes back when it is not', () => {
  const { result } = renderHook(() => useCheckedForm({ phone: '', code: '' }, check))
  expect(result.current.errors).toEqual({})

  let valid = true
  act(() => {
    valid = result.current.validate()
  })
  expect(valid).toBe(false)
  expect(result.current.field('phone')).toMatchObject({ value: '', error: '请输入11位手机号' })
  expect(result.current.field('code').error).toBe('请输入6位验证码')

  act(() => result.current.field('phone').onInput('1381234'))
  expect(result.current.field('phone')).toMatchObject({ value: '1381234', error: '请输入11位手机号' })
  act(() => result.current.field('phone').onInput('13812345678'))
  expect(result.current.field('phone').error).toBeNull()
  act(() => result.current.field('phone').onInput('138'))
  expect(result.current.field('phone').error).toBe('请输入11位手机号')

  act(() => result.current.reset())
  expect(result.current.values).toEqual({ phone: '', code: '' })
  expect(result.current.errors).toEqual({})
})

test('validating some fields shows only theirs (the phone before 获取验证码), and the rest later', () => {
  const { result } = renderHook(() => useCheckedForm({ phone: '13812345678', code: '' }, check))
  let valid = false
  act(() => {
    valid = result.current.validate(['phone'])
  })
  expect(valid).toBe(true)
  expect(result.current.errors).toEqual({})
  act(() => {
    valid = result.current.validate()
  })
  expect(valid).toBe(false)
  expect(result.current.errors).toEqual({ code: '请输入6位验证码' })
})
