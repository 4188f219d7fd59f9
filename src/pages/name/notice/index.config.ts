export default definePageConfig({ navigationBarTitleText: '名称自主申报告知书' })
