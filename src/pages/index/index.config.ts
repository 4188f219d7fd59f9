export default definePageConfig({ navigationBarTitleText: '仅跑一次' })
