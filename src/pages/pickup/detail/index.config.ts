export default definePageConfig({ navigationBarTitleText: '取件委托', enablePullDownRefresh: true })
