/**
 * Industry and business-feature wordings (Reg 9; Measures 11), curated from GB/T 4754-2017 (国民经济行业分类)
 * and common registration practice. Wordings in one group are synonymous (比对规则: 行业表述相近), e.g.
 * 地产 / 房地产 / 置业. `code` is the GB/T 4754-2017 section letter and division.
 */

export const INDUSTRY_LIST_VERSION = 'GB/T 4754-2017 · 2026.12'

export interface IndustryGroup {
  id: string
  code: string
  label: string
  /** Synonymous wordings; the first one is the usual one. */
  words: string[]
}

export const INDUSTRY_GROUPS: IndustryGroup[] = [
  { id: 'agriculture', code: 'A01', label: '农业', words: ['农业', '农业科技', '农业开发', '种植', '生态农业', '现代农业', '农业发展'] },
  { id: 'forestry', code: 'A02', label: '林业', words: ['林业', '苗木', '花卉'] },
  { id: 'husbandry', code: 'A03', label: '畜牧业', words: ['畜牧', '牧业', '养殖', '畜禽养殖'] },
  { id: 'fishery', code: 'A04', label: '渔业', words: ['渔业', '水产', '水产养殖'] },
  { id: 'farm-products', code: 'A05', label: '农林牧渔专业及辅助性活动', words: ['农产品', '农副产品', '种业', '果蔬', '生鲜'] },
  { id: 'mining', code: 'B10', label: '采矿业', words: ['矿业', '矿产', '采矿'] },
  { id: 'petroleum', code: 'B07', label: '石油和天然气开采业', words: ['石油', '石化', '油气', '天然气'] },
  { id: 'food', code: 'C14', label: '食品制造业', words: ['食品', '食品科技', '食品加工', '烘焙'] },
  { id: 'beverage', code: 'C15', label: '酒、饮料和精制茶制造业', words: ['酒业', '酒类', '饮品', '茶业', '茶叶', '饮料'] },
  { id: 'textile', code: 'C17', label: '纺织业', words: ['纺织', '纺织品', '家纺'] },
  { id: 'apparel', code: 'C18', label: '纺织服装、服饰业', words: ['服装', '服饰', '制衣', '鞋服'] },
  { id: 'leather', code: 'C19', label: '皮革、毛皮、羽毛及其制品和制鞋业', words: ['皮革', '鞋业', '箱包'] },
  { id: 'wood', code: 'C20', label: '木材加工和木、竹、藤、棕、草制品业', words: ['木业', '木材', '竹木'] },
  { id: 'furniture', code: 'C21', label: '家具制造业', words: ['家具', '家居', '全屋定制'] },
  { id: 'paper', code: 'C22', label: '造纸和纸制品业', words: ['纸业', '造纸', '包装', '包装材料'] },
  { id: 'printing', code: 'C23', label: '印刷和记录媒介复制业', words: ['印刷', '印务', '彩印'] },
  { id: 'craft', code: 'C24', label: '文教、工美、体育和娱乐用品制造业', words: ['工艺品', '珠宝', '黄金珠宝', '文具', '玩具', '乐器'] },
  { id: 'chemical', code: 'C26', label: '化学原料和化学制品制造业', words: ['化工', '化学', '精细化工', '涂料', '日化', '化妆品'] },
  { id: 'pharma', code: 'C27', label: '医药制造业', words: ['医药', '药业', '制药', '生物医药', '医药科技'] },
  { id: 'plastics', code: 'C29', label: '橡胶和塑料制品业', words: ['塑料', '塑胶', '橡胶', '塑业'] },
  { id: 'building-materials', code: 'C30', label: '非金属矿物制品业', words: ['建材', '建筑材料', '陶瓷', '玻璃', '水泥', '石材'] },
  { id: 'metals', code: 'C31', label: '黑色金属冶炼和压延加工业', words: ['钢铁', '金属材料', '钢材', '有色金属', '铝业'] },
  { id: 'metal-products', code: 'C33', label: '金属制品业', words: ['五金', '金属制品', '钢结构', '门窗'] },
  { id: 'machinery', code: 'C34', label: '通用设备制造业', words: ['机械', '机械设备', '设备', '机电', '机电设备', '工程机械'] },
  { id: 'special-equipment', code: 'C35', label: '专用设备制造业', words: ['装备', '智能装备', '医疗器械', '环保设备', '农机'] },
  { id: 'auto-making', code: 'C36', label: '汽车制造业', words: ['汽车零部件', '汽配', '汽车配件', '新能源汽车'] },
  { id: 'transport-equipment', code: 'C37', label: '铁路、船舶、航空航天和其他运输设备制造业', words: ['航空科技', '航天科技', '船舶', '轨道交通', '无人机'] },
  { id: 'electrical', code: 'C38', label: '电气机械和器材制造业', words: ['电气', '电器', '照明', '电池', '电缆', '电工', '光伏'] },
  {
    id: 'electronics',
    code: 'C39',
    label: '计算机、通信和其他电子设备制造业',
    words: ['电子', '电子科技', '电子技术', '半导体', '集成电路', '芯片', '光电', '微电子'],
  },
  { id: 'instruments', code: 'C40', label: '仪器仪表制造业', words: ['仪器', '仪表', '仪器仪表', '光学', '激光'] },
  { id: 'recycling', code: 'C42', label: '废弃资源综合利用业', words: ['再生资源', '资源回收', '废旧物资回收'] },
  { id: 'power', code: 'D44', label: '电力、热力生产和供应业', words: ['电力', '能源', '新能源', '能源科技', '热力', '电力工程', '节能', '节能科技'] },
  { id: 'gas', code: 'D45', label: '燃气生产和供应业', words: ['燃气'] },
  { id: 'water', code: 'D46', label: '水的生产和供应业', words: ['水务', '供水', '水处理', '净水'] },
  { id: 'construction', code: 'E47', label: '房屋建筑业', words: ['建筑', '建设', '建筑工程', '建工', '工程', '工程建设', '建设工程', '建筑劳务'] },
  { id: 'civil-engineering', code: 'E48', label: '土木工程建筑业', words: ['市政', '市政工程', '路桥', '交通工程', '水利工程', '隧道'] },
  { id: 'installation', code: 'E49', label: '建筑安装业', words: ['安装', '安装工程', '机电安装', '电梯', '暖通', '消防', '消防工程', '消防科技'] },
  { id: 'decoration', code: 'E50', label: '建筑装饰、装修和其他建筑业', words: ['装饰', '装修', '装饰工程', '建筑装饰', '装饰设计', '防水', '幕墙'] },
  { id: 'wholesale', code: 'F51', label: '批发业', words: ['贸易', '商贸', '工贸', '经贸', '进出口', '供应链'] },
  { id: 'retail', code: 'F52', label: '零售业', words: ['商业', '百货', '超市', '便利店', '零售', '商行'] },
  { id: 'e-commerce', code: 'F52', label: '零售业（互联网零售）', words: ['电子商务', '电商', '网络销售'] },
  { id: 'pharmacy', code: 'F52', label: '零售业（药品零售）', words: ['大药房', '药房', '药店', '医药连锁'] },
  { id: 'auto-trade', code: 'F52', label: '零售业（汽车零售）', words: ['汽车销售', '汽贸', '汽车贸易', '汽车服务'] },
  { id: 'logistics', code: 'G54', label: '道路运输业', words: ['物流', '货运', '运输', '货物运输', '物流服务', '物流运输', '冷链物流', '冷链'] },
  { id: 'passenger', code: 'G54', label: '道路运输业（客运）', words: ['客运', '出行', '网约车'] },
  { id: 'freight-forwarding', code: 'G58', label: '多式联运和运输代理业', words: ['货运代理', '国际货运代理', '货代', '报关'] },
  { id: 'warehousing', code: 'G59', label: '装卸搬运和仓储业', words: ['仓储', '仓储服务', '搬家', '装卸'] },
  { id: 'courier', code: 'G60', label: '邮政业', words: ['快递', '速递', '配送', '同城配送'] },
  { id: 'hotel', code: 'H61', label: '住宿业', words: ['酒店', '宾馆', '酒店管理', '民宿', '公寓管理'] },
  { id: 'catering', code: 'H62', label: '餐饮业', words: ['餐饮', '饮食', '餐饮管理', '餐饮服务', '餐饮文化', '火锅', '小吃', '餐厅', '食府', '茶饮'] },
  { id: 'telecom', code: 'I63', label: '电信、广播电视和卫星传输服务', words: ['通信', '通讯', '通信技术', '通信工程'] },
  { id: 'internet', code: 'I64', label: '互联网和相关服务', words: ['网络', '互联网', '网络技术', '物联网', '云计算', '网络信息'] },
  {
    id: 'software',
    code: 'I65',
    label: '软件和信息技术服务业',
    words: ['信息技术', '信息科技', '软件', '软件开发', '软件技术', '大数据', '数据', '数据科技', '人工智能', '区块链', '计算机', '信息'],
  },
  { id: 'digital', code: 'I65', label: '软件和信息技术服务业（数字技术）', words: ['数字科技', '数字技术', '智能科技', '智能', '数码', '数字'] },
  { id: 'banking', code: 'J66', label: '货币金融服务', words: ['银行', '村镇银行'] },
  { id: 'capital-market', code: 'J67', label: '资本市场服务', words: ['证券', '期货', '基金管理'] },
  { id: 'insurance', code: 'J68', label: '保险业', words: ['保险', '保险代理', '保险经纪', '保险公估'] },
  { id: 'other-finance', code: 'J69', label: '其他金融业', words: ['融资担保', '小额贷款', '典当', '融资租赁', '信托'] },
  { id: 'finance-info', code: 'J69', label: '其他金融业（金融信息服务）', words: ['金融信息服务', '金融服务外包'] },
  { id: 'real-estate', code: 'K70', label: '房地产业', words: ['房地产', '地产', '置业', '房地产开发', '房产', '不动产', '房地产经纪', '房屋中介'] },
  { id: 'property-management', code: 'K70', label: '房地产业（物业管理）', words: ['物业', '物业管理', '物业服务'] },
  { id: 'leasing', code: 'L71', label: '租赁业', words: ['租赁', '设备租赁', '机械租赁', '汽车租赁'] },
  { id: 'enterprise-management', code: 'L72', label: '商务服务业（企业管理）', words: ['企业管理', '管理咨询', '企业管理咨询', '管理', '实业', '控股'] },
  { id: 'investment', code: 'L72', label: '商务服务业（投资与资产管理）', words: ['投资', '投资管理', '资产管理', '投资咨询', '股权投资', '创业投资'] },
  { id: 'consulting', code: 'L72', label: '商务服务业（咨询）', words: ['咨询', '信息咨询', '商务咨询', '商务', '商务服务', '财务咨询', '工程咨询'] },
  { id: 'legal', code: 'L72', label: '商务服务业（法律服务）', words: ['律师', '法律服务', '知识产权', '商标代理', '专利代理'] },
  { id: 'accounting', code: 'L72', label: '商务服务业（会计审计）', words: ['会计', '会计师', '审计', '税务师', '财税', '代理记账'] },
  { id: 'advertising', code: 'L72', label: '商务服务业（广告）', words: ['广告', '广告传媒', '品牌管理', '营销策划', '策划', '营销'] },
  { id: 'human-resources', code: 'L72', label: '商务服务业（人力资源）', words: ['人力资源', '人力', '劳务', '劳务派遣', '人才服务'] },
  { id: 'exhibition', code: 'L72', label: '商务服务业（会议展览）', words: ['会展', '展览', '会议服务', '展览展示'] },
  { id: 'travel', code: 'L72', label: '商务服务业（旅行社）', words: ['旅游', '旅行社', '旅行', '国际旅行社', '旅游开发'] },
  { id: 'security', code: 'L72', label: '商务服务业（安全保护）', words: ['安防', '安保', '安全技术', '安防科技', '保安服务'] },
  { id: 'research', code: 'M73', label: '研究和试验发展', words: ['研究', '研究院', '研发', '生物', '生物科技', '生物技术', '新材料', '材料科技', '材料'] },
  {
    id: 'engineering-services',
    code: 'M74',
    label: '专业技术服务业',
    words: ['设计', '工程设计', '建筑设计', '规划设计', '勘察', '测绘', '检测', '检验检测', '检验', '认证'],
  },
  { id: 'technology', code: 'M75', label: '科技推广和应用服务业', words: ['科技', '技术', '科学技术', '高科技', '科技发展', '技术开发', '技术服务'] },
  { id: 'environment', code: 'N77', label: '生态保护和环境治理业', words: ['环保', '环境', '环保科技', '环境工程', '环境科技', '生态', '环境治理', '水环境'] },
  { id: 'landscape', code: 'N78', label: '公共设施管理业', words: ['园林', '园林绿化', '绿化', '园林景观', '景观', '环卫'] },
  { id: 'household', code: 'O80', label: '居民服务业', words: ['家政', '家政服务', '保洁', '清洁', '婚庆', '摄影', '洗涤', '养生', '足浴'] },
  { id: 'beauty', code: 'O80', label: '居民服务业（美容美发）', words: ['美容', '美发', '美容美发', '美业', '美甲'] },
  { id: 'repair', code: 'O81', label: '机动车、电子产品和日用产品修理业', words: ['汽车维修', '维修', '家电维修', '汽修'] },
  { id: 'pet', code: 'O82', label: '其他服务业（宠物服务）', words: ['宠物', '宠物用品', '宠物服务'] },
  { id: 'education', code: 'P83', label: '教育', words: ['教育', '教育科技', '教育咨询', '培训', '职业培训', '教育培训', '文化培训'] },
  { id: 'health', code: 'Q84', label: '卫生', words: ['医疗', '医疗科技', '医疗管理', '健康', '健康管理', '健康科技', '医院管理', '口腔', '眼科'] },
  { id: 'elderly-care', code: 'Q85', label: '社会工作', words: ['养老', '养老服务', '康养', '护理'] },
  { id: 'publishing', code: 'R86', label: '新闻和出版业', words: ['出版', '图书', '书业'] },
  {
    id: 'media',
    code: 'R87',
    label: '广播、电视、电影和录音制作业',
    words: ['影视', '传媒', '文化传媒', '影业', '影视文化', '影视传媒', '文化传播', '传播', '音乐', '动漫'],
  },
  { id: 'culture', code: 'R88', label: '文化艺术业', words: ['文化', '文化艺术', '艺术', '文化创意', '文创', '文化发展', '艺术培训'] },
  { id: 'sports', code: 'R89', label: '体育', words: ['体育', '体育文化', '健身', '运动', '体育发展', '户外'] },
  { id: 'entertainment', code: 'R90', label: '娱乐业', words: ['娱乐', '文化娱乐', '游戏', '电竞', '游乐'] },
]

export interface IndustryTerm {
  word: string
  group: IndustryGroup
}

// Wordings that only qualify what precedes them (物流服务, 餐饮管理): the group comes from the word before.
const GENERIC_TAILS = new Set(['服务', '管理', '发展', '开发', '经营', '销售'])

export interface IndustryLexicon {
  find(word: string): IndustryTerm | undefined
  /** Known wordings `text` ends with, longest first. */
  suffixes(text: string): string[]
  isGenericTail(word: string): boolean
}

export function buildIndustryLexicon(groups: IndustryGroup[] = INDUSTRY_GROUPS): IndustryLexicon {
  const terms = new Map<string, IndustryTerm>()
  for (const group of groups) for (const word of group.words) if (!terms.has(word)) terms.set(word, { word, group })
  const lengths = [...new Set([...terms.keys(), ...GENERIC_TAILS].map((w) => w.length))].sort((a, b) => b - a)
  return {
    find: (word) => terms.get(word),
    suffixes: (text) =>
      lengths
        .filter((n) => n <= text.length)
        .map((n) => text.slice(-n))
        .filter((w) => terms.has(w) || GENERIC_TAILS.has(w)),
    isGenericTail: (word) => GENERIC_TAILS.has(word),
  }
}

/** The synonym group of an industry wording, judged by its last specific term (网络科技 → technology). */
export function industryGroupOf(industry: string, lexicon: IndustryLexicon): IndustryGroup | null {
  if (!industry) return null
  const whole = lexicon.find(industry)
  if (whole) return whole.group
  let rest = industry
  while (rest) {
    const word = lexicon.suffixes(rest)[0]
    if (!word) return null
    const term = lexicon.find(word)
    if (term && !lexicon.isGenericTail(word)) return term.group
    rest = rest.slice(0, -word.length)
    if (!rest && term) return term.group
  }
  return null
}

/** Industry wordings for the picker: every match of `q` in a wording or its group label. */
export function searchIndustries(q: string, limit = 50, groups: IndustryGroup[] = INDUSTRY_GROUPS) {
  const query = q.trim()
  const results: { word: string; code: string; label: string }[] = []
  for (const group of groups) {
    for (const word of group.words) {
      if (query && !word.includes(query) && !group.label.includes(query)) continue
      results.push({ word, code: group.code, label: group.label })
    }
  }
  if (query) results.sort((a, b) => Number(b.word.startsWith(query)) - Number(a.word.startsWith(query)) || a.word.length - b.word.length)
  return results.slice(0, limit)
}
