export default definePageConfig({ navigationBarTitleText: '仅跑一次', enableShareAppMessage: true })
