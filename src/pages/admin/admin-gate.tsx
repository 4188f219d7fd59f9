import { PageState, SignInFirst } from '@/components/page-state'

/** What a 管理 page shows to someone signed out. */
export const AdminSignInFirst = () => <SignInFirst message='服务中心管理员登录后使用' />

/** What a hall's 管理 page shows when no hall is named and the user administers none (a platform administrator). */
export const NoAdminHall = () => <PageState kind='error' title='请选择服务中心' message='请从工作台的“服务中心管理”进入' />
