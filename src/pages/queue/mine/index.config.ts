export default definePageConfig({ navigationBarTitleText: '我的排号', enablePullDownRefresh: true })
