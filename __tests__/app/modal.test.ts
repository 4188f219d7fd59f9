import Taro from '@tarojs/taro'
import { confirmAction, tellUser } from '../../src/components/modal'

const answer = (confirm: boolean) => ({ confirm, cancel: !confirm, errMsg: 'ok' }) as never

test('a destructive confirmation has a red confirm button, any other one the app blue, never the platform green', async () => {
  const modal = jest.spyOn(Taro, 'showModal').mockResolvedValue(answer(true))
  expect(await confirmAction({ title: '取消预约', content: '确定取消吗？', confirmText: '取消预约', destructive: true })).toBe(true)
  expect(modal).toHaveBeenLastCalledWith({ title: '取消预约', content: '确定取消吗？', confirmText: '取消预约', cancelText: '再想想', confirmColor: '#b42318' })
  modal.mockResolvedValue(answer(false))
  expect(await confirmAction({ title: '确认签署委托书', content: '签署后…', confirmText: '确认签署' })).toBe(false)
  expect(modal).toHaveBeenLastCalledWith(expect.objectContaining({ confirmColor: '#1a5fb4' }))
  await tellUser('已保存', '新设置已生效')
  expect(modal).toHaveBeenLastCalledWith({ title: '已保存', content: '新设置已生效', confirmText: '知道了', showCancel: false, confirmColor: '#1a5fb4' })
})
