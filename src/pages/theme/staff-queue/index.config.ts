export default definePageConfig({ navigationBarTitleText: '一件事联审', enablePullDownRefresh: true })
