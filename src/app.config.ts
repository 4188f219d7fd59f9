export default defineAppConfig({
  pages: ['pages/index/index', 'pages/mine/index', 'pages/login/index', 'pages/login/real-name', 'pages/not-found/index'],
  subPackages: [
    { root: 'pages/guide', pages: ['item/index'] },
    { root: 'pages/appointment', pages: ['book/index', 'mine/index', 'detail/index', 'checkin/index'] },
    { root: 'pages/review', pages: ['start/index', 'checklist/index', 'case/index', 'mine/index'] },
    { root: 'pages/theme', pages: ['index', 'guide/index', 'application/index', 'mine/index', 'staff-queue/index', 'staff-application/index'] },
    { root: 'pages/queue', pages: ['take/index', 'ticket/index', 'checkin/index', 'mine/index'] },
    { root: 'pages/pickup', pages: ['index', 'authorize/index', 'detail/index'] },
    { root: 'pages/name', pages: ['declare/index', 'notice/index', 'mine/index'] },
    { root: 'pages/privacy', pages: ['index'] },
    { root: 'pages/legal', pages: ['index'] },
    { root: 'pages/rating', pages: ['index', 'rate/index', 'kiosk/index', 'follow-ups/index'] },
    {
      root: 'pages/staff',
      pages: [
        'index/index',
        'queue/window/index',
        'queue/screen/index',
        'review/queue/index',
        'review/case/index',
        'appointment/day/index',
        'appointment/settings/index',
        'pickup/index',
        'pickup/detail/index',
        'pickup/agent-check/index',
      ],
    },
    { root: 'pages/admin', pages: ['index', 'new-hall/index', 'hall/index', 'category/index', 'window/index', 'staff/index', 'history/index'] },
  ],
  // WeChat's own rules (README "WeChat mini-program"; scripts/weapp-conformance.ts checks them on dist/weapp).
  // Location APIs must be declared, or the client refuses them (only the check-in reads the position).
  requiredPrivateInfos: ['getLocation'],
  permission: { 'scope.userLocation': { desc: '用于定位签到：确认您已在服务中心大厅附近' } },
  // Privacy APIs wait for the user's consent to the 隐私保护指引 (src/components/privacy-sheet).
  __usePrivacyCheck__: true,
  // Inject only the code of the page on screen.
  lazyCodeLoading: 'requiredComponents',
  // Subpackages a page is likely to open next, downloaded while the user reads it.
  preloadRule: {
    'pages/index/index': { network: 'all', packages: ['pages/queue', 'pages/appointment', 'pages/guide'] },
    'pages/mine/index': { network: 'wifi', packages: ['pages/review', 'pages/pickup', 'pages/name'] },
  },
  // Only the public hall and guide pages may be indexed by WeChat search (src/sitemap.json).
  sitemapLocation: 'sitemap.json',
  window: {
    navigationBarBackgroundColor: '#1a5fb4',
    navigationBarTitleText: '仅跑一次',
    navigationBarTextStyle: 'white',
    // Also turns on Taro's H5 navigation bar (title, back, home on a page opened directly): src/components/shell.
    navigationStyle: 'default',
    backgroundColor: '#f2f4f7',
    backgroundTextStyle: 'dark',
  },
  tabBar: {
    color: '#5c6370',
    selectedColor: '#1a5fb4',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: [
      { pagePath: 'pages/index/index', text: '首页', iconPath: 'assets/tabbar/home.png', selectedIconPath: 'assets/tabbar/home-active.png' },
      { pagePath: 'pages/mine/index', text: '我的', iconPath: 'assets/tabbar/mine.png', selectedIconPath: 'assets/tabbar/mine-active.png' },
    ],
  },
})
