import type { Theme, ThemeItemRule, ThemeQuestion } from './theme'

/**
 * The 证照通 themes (一件事) offered by the Tianfu New Area halls: 12 themes with 29 items when the reform
 * started (2018), widened to training schools, restaurants, pharmacies, hospitals and clinics (seed articles,
 * 天府新区政务服务中心 2019). Item ids are the catalog's (server/modules/catalog/seed-items.ts); which
 * answers select an item follows the items' own conditions. Demo data: verify against the hall's published
 * theme guides before going live.
 */

const SUBJECT: ThemeQuestion = {
  id: 'subject',
  text: '以什么形式经营？',
  hint: '决定办理公司设立登记还是个体工商户登记',
  options: [
    { value: 'company', label: '公司（有限责任公司）' },
    { value: 'individual', label: '个体工商户' },
  ],
}

/** A yes-or-no question; `labels` say the two answers in the question's own words. */
const yesNo = (id: string, text: string, hint: string, labels: [string, string]): ThemeQuestion => ({
  id,
  text,
  hint,
  options: [
    { value: 'yes', label: labels[0] },
    { value: 'no', label: labels[1] },
  ],
})

const SIGN = yesNo('sign', '是否在门头设置户外招牌？', '设置户外招牌须经城市管理部门审核', ['设置招牌', '不设置'])

const YES = ['yes'] as const

const licence = (subjectAnswer?: 'company'): ThemeItemRule[] =>
  subjectAnswer
    ? [{ itemId: 'company-llc-establishment', why: '取得营业执照' }]
    : [
        { itemId: 'company-llc-establishment', when: { subject: ['company'] }, why: '以公司形式经营，取得营业执照' },
        { itemId: 'individual-business-registration', when: { subject: ['individual'] }, why: '以个体工商户形式经营，取得营业执照' },
      ]

const signboard: ThemeItemRule = { itemId: 'outdoor-signboard-approval', when: { sign: YES }, why: '门头设置户外招牌' }

export const THEMES: readonly Theme[] = [
  {
    id: 'clinic',
    name: '我要开诊所',
    summary: '营业执照与诊所备案或医疗机构设置审批联审联办，配置放射设备的同时办理放射诊疗许可。',
    questions: [
      SUBJECT,
      {
        id: 'kind',
        text: '开办哪类医疗机构？',
        hint: '诊所实行备案管理；门诊部须经设置审批和执业登记',
        options: [
          { value: 'clinic', label: '诊所（含口腔诊所、中医诊所）' },
          { value: 'outpatient', label: '门诊部（如口腔门诊部）' },
        ],
      },
      yesNo('xray', '是否配置X射线设备（如牙片机、口腔CT）？', '开展放射诊疗须取得放射诊疗许可', ['配置', '不配置']),
    ],
    items: [
      ...licence(),
      { itemId: 'clinic-filing', when: { kind: ['clinic'] }, why: '诊所执业前向卫生健康部门备案' },
      { itemId: 'medical-institution-establishment-approval', when: { kind: ['outpatient'] }, why: '门诊部须取得《设置医疗机构批准书》' },
      { itemId: 'medical-institution-practice-registration', when: { kind: ['outpatient'] }, why: '门诊部执业前办理执业登记' },
      { itemId: 'radiation-diagnosis-licence', when: { xray: YES }, why: '配置X射线设备开展放射诊疗' },
    ],
    reported: {
      beforeDays: 18,
      afterDays: 15,
      beforeVisits: 2,
      source:
        '天府新区“证照通”口腔诊所案例：过去分别到工商、卫生两个部门申请、至少跑两次，18个工作日取得营业执照及《医疗机构设置批准书》；现在一次提交，15个工作日同时取得全部证照',
    },
  },
  {
    id: 'restaurant',
    name: '我要开餐馆',
    summary: '营业执照、食品经营许可、城镇污水排入排水管网许可一次申请，按需加办户外招牌和消防安全检查。',
    questions: [
      SUBJECT,
      {
        id: 'area',
        text: '营业场所建筑面积多大？',
        hint: '300平方米及以上的餐饮场所按公众聚集场所办理营业前消防安全检查（本中心做法）',
        options: [
          { value: 'small', label: '300平方米以下' },
          { value: 'large', label: '300平方米及以上' },
        ],
      },
      SIGN,
    ],
    items: [
      ...licence(),
      { itemId: 'food-business-licence-new', why: '从事餐饮服务须取得食品经营许可' },
      { itemId: 'drainage-permit', why: '餐饮污水排入城镇排水管网' },
      { itemId: 'public-assembly-fire-inspection', when: { area: ['large'] }, why: '公众聚集场所投入使用、营业前' },
      signboard,
    ],
  },
  {
    id: 'pharmacy',
    name: '我要开药店',
    summary: '营业执照与药品零售经营许可联审联办，兼营医疗器械的同时办理第二类医疗器械经营备案。',
    questions: [SUBJECT, yesNo('devices', '是否兼营第二类医疗器械（如血压计、血糖仪）？', '经营第二类医疗器械须备案', ['兼营', '不兼营']), SIGN],
    items: [
      ...licence(),
      { itemId: 'drug-retail-licence-new', why: '零售药品须取得药品经营许可证' },
      { itemId: 'class-ii-medical-device-filing', when: { devices: YES }, why: '兼营第二类医疗器械' },
      signboard,
    ],
  },
  {
    id: 'training-school',
    name: '我要办营利性培训学校',
    summary: '营利性民办培训学校先取得办学许可再登记为公司，两项联审联办，按需加办户外招牌。',
    questions: [
      {
        id: 'venue',
        text: '培训场所建筑面积多大？',
        hint: '300平方米及以上的培训场所办理营业前消防安全检查（本中心做法）',
        options: [
          { value: 'small', label: '300平方米以下' },
          { value: 'large', label: '300平方米及以上' },
        ],
      },
      SIGN,
    ],
    items: [
      { itemId: 'private-school-licence', why: '举办营利性民办培训学校须取得办学许可证' },
      ...licence('company'),
      { itemId: 'public-assembly-fire-inspection', when: { venue: ['large'] }, why: '培训场所投入使用前' },
      signboard,
    ],
  },
  {
    id: 'hotel',
    name: '我要开宾馆',
    summary: '营业执照、旅馆业特种行业许可、公共场所卫生许可和消防安全检查一次申请，设餐厅的加办食品经营许可。',
    questions: [SUBJECT, yesNo('dining', '是否设餐厅对住客或公众供餐？', '供餐须取得食品经营许可', ['设餐厅', '不设餐厅'])],
    items: [
      ...licence(),
      { itemId: 'hotel-special-trade-licence', why: '经营旅馆业须取得特种行业许可证' },
      { itemId: 'public-place-hygiene-licence', why: '宾馆属公共场所，须取得卫生许可' },
      { itemId: 'public-assembly-fire-inspection', why: '宾馆属公众聚集场所' },
      { itemId: 'food-business-licence-new', when: { dining: YES }, why: '设餐厅供餐' },
    ],
  },
  {
    id: 'salon',
    name: '我要开美容美发店',
    summary: '营业执照与公共场所卫生许可联审联办，按需加办户外招牌。',
    questions: [SUBJECT, SIGN],
    items: [...licence(), { itemId: 'public-place-hygiene-licence', why: '美容美发场所属公共场所，须取得卫生许可' }, signboard],
  },
  {
    id: 'bookstore',
    name: '我要开书店',
    summary: '营业执照与出版物零售业务经营许可联审联办，按需加办户外招牌。',
    questions: [SUBJECT, SIGN],
    items: [...licence(), { itemId: 'publication-retail-licence', why: '零售图书、报刊、音像制品须取得出版物经营许可证' }, signboard],
  },
  {
    id: 'ktv',
    name: '我要开歌舞娱乐场所',
    summary: '公司设立登记、娱乐场所经营许可、公共场所卫生许可和消防安全检查一次申请。',
    questions: [],
    items: [
      ...licence('company'),
      { itemId: 'entertainment-venue-licence', why: '经营歌舞、游艺娱乐场所须取得娱乐经营许可证' },
      { itemId: 'public-place-hygiene-licence', why: '歌舞厅属公共场所，须取得卫生许可' },
      { itemId: 'public-assembly-fire-inspection', why: '公共娱乐场所属公众聚集场所' },
    ],
  },
  {
    id: 'convenience-store',
    name: '我要开便利店',
    summary: '营业执照、食品经营许可一次申请，卖烟的加办烟草专卖零售许可证，按需加办户外招牌。',
    questions: [SUBJECT, yesNo('tobacco', '是否零售卷烟、雪茄烟？', '零售烟草制品须取得烟草专卖零售许可证', ['零售', '不零售']), SIGN],
    items: [
      ...licence(),
      { itemId: 'food-business-licence-new', why: '销售食品须取得食品经营许可' },
      { itemId: 'tobacco-retail-licence', when: { tobacco: YES }, why: '零售卷烟、雪茄烟' },
      signboard,
    ],
  },
  {
    id: 'hr-agency',
    name: '我要开人力资源服务机构',
    summary: '公司设立登记与人力资源服务许可联审联办，从事劳务派遣的加办劳务派遣经营许可。',
    questions: [yesNo('dispatch', '是否经营劳务派遣？', '经营劳务派遣业务须另行取得劳务派遣经营许可', ['经营', '不经营'])],
    items: [
      ...licence('company'),
      { itemId: 'hr-service-licence', why: '从事职业中介活动须取得人力资源服务许可证' },
      { itemId: 'labour-dispatch-licence', when: { dispatch: YES }, why: '经营劳务派遣业务' },
    ],
  },
  {
    id: 'freight',
    name: '我要开货运公司',
    summary: '公司设立登记与道路货物运输经营许可联审联办。',
    questions: [],
    items: [...licence('company'), { itemId: 'road-freight-licence', why: '使用总质量4.5吨以上货车从事经营性货运' }],
  },
  {
    id: 'company-start',
    name: '我要开办企业',
    summary: '公司设立登记、税务信息确认、首次领用发票、社会保险和住房公积金单位登记一次办结。',
    questions: [yesNo('invoice', '是否需要首次领用发票？', '开具发票的企业在开办时一并领用', ['需要', '暂不需要'])],
    items: [
      ...licence('company'),
      { itemId: 'tax-info-confirmation', why: '新办纳税人确认税务信息' },
      { itemId: 'invoice-issue', when: { invoice: YES }, why: '首次领用发票' },
      { itemId: 'employer-social-insurance-registration', why: '用人单位自成立之日起30日内办理社会保险登记' },
      { itemId: 'housing-fund-employer-registration', why: '单位设立之日起30日内办理住房公积金缴存登记' },
    ],
  },
  {
    id: 'auto-repair',
    name: '我要开汽车维修店',
    summary: '营业执照与机动车维修经营备案联审联办，有喷漆作业的加办排污许可，按需加办户外招牌。',
    questions: [SUBJECT, yesNo('painting', '是否有钣金喷漆作业？', '喷漆作业产生挥发性有机物，按排污许可简化管理', ['有喷漆', '无喷漆']), SIGN],
    items: [
      ...licence(),
      { itemId: 'motor-vehicle-repair-filing', why: '从事机动车维修经营须向交通运输部门备案' },
      { itemId: 'pollutant-discharge-permit', when: { painting: YES }, why: '喷漆作业排放污染物' },
      signboard,
    ],
  },
  {
    id: 'internet-cafe',
    name: '我要开网吧',
    summary: '公司设立登记、互联网上网服务营业场所经营许可和消防安全检查一次申请。',
    questions: [],
    items: [
      ...licence('company'),
      { itemId: 'internet-cafe-licence', why: '经营互联网上网服务营业场所须取得网络文化经营许可' },
      { itemId: 'public-assembly-fire-inspection', why: '上网服务营业场所属公众聚集场所' },
    ],
  },
  {
    id: 'chemicals-shop',
    name: '我要开危险化学品经营店',
    summary: '公司设立登记与危险化学品经营许可联审联办。',
    questions: [],
    items: [...licence('company'), { itemId: 'hazardous-chemicals-business-licence', why: '经营危险化学品（不带储存设施）须取得经营许可' }],
  },
]

export const themeById = (id: string) => THEMES.find((t) => t.id === id) ?? null
