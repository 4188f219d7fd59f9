export default definePageConfig({ navigationBarTitleText: '联审申请' })
