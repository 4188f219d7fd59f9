// Runs before any module loads: the build-time constants that Taro's H5 runtime reads.
process.env.TARO_ENV = 'h5'
process.env.TARO_PLATFORM = 'web'
process.env.FRAMEWORK = 'react'
globalThis.DEPRECATED_ADAPTER_COMPONENT = false
