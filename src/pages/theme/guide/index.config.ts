export default definePageConfig({ navigationBarTitleText: '主题办事指南' })
