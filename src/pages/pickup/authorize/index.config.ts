export default definePageConfig({ navigationBarTitleText: '签署取件委托书' })
