export default definePageConfig({ navigationBarTitleText: '材料预审队列', enablePullDownRefresh: true })
