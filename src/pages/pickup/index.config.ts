export default definePageConfig({ navigationBarTitleText: '我的委托', enablePullDownRefresh: true })
