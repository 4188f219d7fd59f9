export default definePageConfig({ navigationBarTitleText: '服务中心设置' })
