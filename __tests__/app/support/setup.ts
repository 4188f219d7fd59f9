import React from 'react'
import { configure } from '@testing-library/react'
import ReactDOM from 'react-dom'
import { Current } from '@tarojs/runtime'
import { createH5NativeComponentConfig } from '@tarojs/plugin-framework-react/dist/runtime'

createH5NativeComponentConfig(null, React, ReactDOM)
// Generous waits: CI machines are shared and slow at times.
configure({ asyncUtilTimeout: 30_000 })
Current.router = { params: {}, path: '/pages/index/index', onReady: '', onHide: '', onShow: '' } as typeof Current.router
