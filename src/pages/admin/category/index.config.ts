export default definePageConfig({ navigationBarTitleText: '排队类别' })
