export default definePageConfig({ navigationBarTitleText: '到厅签到' })
