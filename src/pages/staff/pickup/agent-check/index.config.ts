export default definePageConfig({ navigationBarTitleText: '代领人核验' })
