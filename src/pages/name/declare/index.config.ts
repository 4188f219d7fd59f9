export default definePageConfig({ navigationBarTitleText: '企业名称自主申报' })
