export default definePageConfig({ navigationBarTitleText: '我的一件事申请' })
