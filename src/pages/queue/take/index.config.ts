export default definePageConfig({ navigationBarTitleText: '网上取号' })
