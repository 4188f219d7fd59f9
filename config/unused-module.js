// Stand-in for library modules the app never runs (see config/index.ts): axios's own XHR and fetch
// adapters (every request goes through our Taro.request adapter) and, on H5, polyfills and JSONP
// support that the supported browsers and our requests do not need.
export default undefined
export const getFetch = undefined
