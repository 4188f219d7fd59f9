// Jest stand-in for '@tarojs/taro': the H5 implementation plus the React hooks the build injects.
// The H5 build rewrites `Taro.api()` calls into named imports; here the default export carries every
// API instead, so `jest.spyOn(Taro, 'request')` reaches the app's calls.
import * as h5 from '@tarojs/taro-h5'

export * from '@tarojs/taro-h5'
export {
  useDidHide,
  useDidShow,
  useLaunch,
  useLoad,
  usePullDownRefresh,
  useReachBottom,
  useReady,
  useRouter,
  useShareAppMessage,
  useUnload,
} from '@tarojs/plugin-framework-react/dist/runtime'

const Taro = Object.assign(h5.default, h5)
export default Taro
