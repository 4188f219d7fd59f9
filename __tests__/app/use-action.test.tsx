import { act, renderHook } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { ApiError } from '../../src/services/http'
import { refusalModal, useAction } from '../../src/hooks/use-action'

beforeEach(() => jest.restoreAllMocks())

const refused = () => Promise.reject(new ApiError('SLOT_FULL', '该时段已约满', 409))

test('busy while the action runs, the Chinese message of its failure in error, cleared on the next run', async () => {
  const { result } = renderHook(() => useAction())
  let finish: () => void = () => undefined
  let running: Promise<void> = Promise.resolve()
  act(() => {
    running = result.current.run(() => new Promise<void>((resolve) => (finish = resolve)))
  })
  expect(result.current.busy).toBe(true)
  await act(async () => {
    finish()
    await running
  })
  expect(result.current.busy).toBe(false)
  await act(() => result.current.run(refused))
  expect(result.current.error).toBe('该时段已约满')
  await act(() => result.current.run(() => Promise.resolve()))
  expect(result.current.error).toBeNull()
})

test('a second tap while the action runs does not start it again', async () => {
  const { result } = renderHook(() => useAction())
  const action = jest.fn(() => new Promise<void>(() => undefined))
  act(() => void result.current.run(action))
  act(() => void result.current.run(action))
  expect(action).toHaveBeenCalledTimes(1)
})

test('toast shows the refusal; onFailure receives it with its code', async () => {
  const toast = jest.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'ok' })
  const { result } = renderHook(() => useAction({ toast: true }))
  const onFailure = jest.fn()
  await act(() => result.current.run(refused, onFailure))
  expect(toast).toHaveBeenCalledWith({ title: '该时段已约满', icon: 'none' })
  expect(onFailure).toHaveBeenCalledWith(expect.objectContaining({ code: 'SLOT_FULL', message: '该时段已约满' }))
})

test('refusalModal shows the refusal in a modal with the given title', () => {
  const modal = jest.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: true, cancel: false, errMsg: 'ok' })
  refusalModal('签署未成功')(new ApiError('SIGNATURE_EMPTY', '签名为空', 400))
  expect(modal).toHaveBeenCalledWith(expect.objectContaining({ title: '签署未成功', content: '签名为空', showCancel: false, confirmText: '知道了' }))
})
