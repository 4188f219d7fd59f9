/**
 * The consent sheet's words (README "WeChat mini-program"). The guide itself, 《仅跑一次小程序隐私保护指引》,
 * is filled in the WeChat admin console (设置 → 服务内容声明 → 用户隐私保护指引) and opened with
 * `openPrivacyContract`; it must declare what the APIs below collect, or WeChat disables them.
 */
export const PRIVACY_TEXT = {
  title: '用户隐私保护提示',
  body:
    '使用定位签到、上传材料照片或聊天文件前，请阅读并同意隐私保护指引。' +
    '位置仅用于确认您已到达服务中心并当次签到；照片和文件仅用于您申请的事项的预审，加密保存。',
  guideLink: '《仅跑一次小程序隐私保护指引》',
  agree: '同意并继续',
  decline: '不同意',
  /** Shown when a feature needs what the user declined; every feature keeps a way without it. */
  declinedLocation: '您未同意隐私保护指引，无法使用定位签到。请扫描大厅签到二维码，或到窗口签到',
  declinedFiles: '您未同意隐私保护指引，无法选择照片或文件。可再次点击上传并同意，或携带纸质材料到窗口办理',
} as const
