export default definePageConfig({ navigationBarTitleText: '委托详情' })
