import type { ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import type { Resource } from '@/hooks/use-resource'
import { asRole } from '../a11y'
import { ActionButton } from '../action-button'
import { goToLogin } from '@/routes'
import './index.scss'

export type PageStateKind = 'loading' | 'empty' | 'error'

interface PageStateProps {
  kind: PageStateKind
  /** Headline; each kind has a default. */
  title?: string
  /** A second line, e.g. the ApiError message. */
  message?: string
  actionText?: string
  onAction?: () => void
  /** Inside a section instead of filling the page. */
  inline?: boolean
}

const TITLES: Record<PageStateKind, string> = { loading: '正在加载…', empty: '暂无内容', error: '加载失败' }

/** Loading, empty and error states: every page shows one of these instead of a blank screen. */
export function PageState({ kind, title, message, actionText, onAction, inline = false }: PageStateProps) {
  return (
    <View className={`page-state page-state--${kind}${inline ? ' page-state--inline' : ''}`} {...asRole(kind === 'error' ? 'alert' : 'status')}>
      {kind === 'loading' ? <View className='page-state__spinner' /> : <View className='page-state__icon'>{kind === 'error' ? '!' : 'i'}</View>}
      <Text className='page-state__title'>{title ?? TITLES[kind]}</Text>
      {message ? <Text className='page-state__message'>{message}</Text> : null}
      {onAction ? (
        <View className='page-state__action'>
          <ActionButton variant='ghost' onClick={onAction}>
            {actionText ?? (kind === 'error' ? '重新加载' : '刷新')}
          </ActionButton>
        </View>
      ) : null}
    </View>
  )
}

/** Signed out on a page that needs a user: sign in, then come back to this page with its parameters. */
export function SignInFirst({ message = '登录后查看该页内容', inline = false }: { message?: string; inline?: boolean }) {
  return <PageState kind='empty' title='请先登录' message={message} actionText='去登录' onAction={() => void goToLogin()} inline={inline} />
}

/** What `useResource` returned: its state, and `reload` for the retry button. */
export interface Loaded<T> {
  resource: Resource<T>
  reload: () => void
}

/** The load to show: `of` (what `useResource` returned, retried with its `reload`), or a `resource` and its `onRetry`. */
type ResourceSource<T> = { of: Loaded<T>; resource?: never; onRetry?: never } | { of?: never; resource: Resource<T>; onRetry?: () => void }

type ResourceViewProps<T> = ResourceSource<T> & {
  isEmpty?: (data: T) => boolean
  emptyTitle?: string
  emptyMessage?: string
  loadingTitle?: string
  inline?: boolean
  children: (data: T) => ReactNode
}

/** Renders the state of a `useResource` load, and `children(data)` once it is there. */
export function ResourceView<T>(props: ResourceViewProps<T>) {
  const { isEmpty, emptyTitle, emptyMessage, loadingTitle, inline, children } = props
  const { of } = props
  const resource = of ? of.resource : props.resource
  const onRetry = of ? () => of.reload() : props.onRetry
  switch (resource.status) {
    case 'idle':
      return null
    case 'loading':
      return <PageState kind='loading' title={loadingTitle} inline={inline} />
    case 'error':
      // Opened from a message, a share or a QR while signed out: retrying cannot help, signing in does (and comes back here).
      if (resource.error.status === 401) {
        return <SignInFirst inline={inline} />
      }
      return <PageState kind='error' message={resource.error.message} onAction={onRetry} inline={inline} />
    case 'ready':
      if (isEmpty?.(resource.data)) return <PageState kind='empty' title={emptyTitle} message={emptyMessage} inline={inline} />
      return <>{children(resource.data)}</>
  }
}

type ResourceListProps<T> = Pick<ResourceViewProps<T[]>, 'emptyTitle' | 'emptyMessage' | 'loadingTitle' | 'inline'> & {
  /** What `useResource` returned for the list. */
  of: Loaded<T[]>
  row: (item: T) => ReactNode
}

/** A list loaded with `useResource`: its loading, error and empty states, then one `row` per item. */
export function ResourceList<T>({ of, row, ...states }: ResourceListProps<T>) {
  return (
    <ResourceView of={of} isEmpty={(list) => list.length === 0} {...states}>
      {(list) => <View>{list.map(row)}</View>}
    </ResourceView>
  )
}
