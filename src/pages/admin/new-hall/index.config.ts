export default definePageConfig({ navigationBarTitleText: '新建服务中心' })
