export default definePageConfig({ navigationBarTitleText: '证照发放', enablePullDownRefresh: true })
