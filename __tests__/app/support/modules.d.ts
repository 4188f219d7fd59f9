// Untyped modules the jest support files reach into (no @types/react-dom in the project).
declare module 'react-dom'
declare module '@tarojs/plugin-framework-react/dist/runtime'
