/**
 * Words a name must not use, or may use only with an approval (Reg 11, 12; 《企业名称禁限用规则》), graded the
 * way registration authorities grade them:
 * - 禁用 (forbidden): the name cannot be declared;
 * - 限用 (restricted): it can be declared only by an applicant who holds the approval document named here;
 * - 提示 (caution): it can be declared and goes to a registrar's manual review with the reason.
 * Each word has its context: the compounds that make it harmless (淫羊藿 is a herb, 八一路 a street, 皇上皇 a
 * brand since 1940) and whether it is forbidden anywhere in the 字号 and industry wording or only as the whole
 * 字号 (a personal name such as 朱德华 contains 朱德; a registrar judges it). Division names are exempt (公安县).
 * Bump the version with every change: declarations record the findings they were checked against.
 */

export const NAME_WORDS_VERSION = '2026.12.1'

export type WordGrade = 'forbidden' | 'restricted' | 'caution'

export const WORD_GRADE_LABELS: Record<WordGrade, string> = { forbidden: '禁用', restricted: '限用', caution: '提示' }

export type ForbiddenBasis =
  | 'party_state_military'
  | 'foreign_international'
  | 'obscene_gambling_superstition_violence'
  | 'discrimination'
  | 'leaders_martyrs'
  | 'colonial_feudal'
  | 'misleading'

export type ApprovalBasis =
  | 'bank'
  | 'insurance'
  | 'securities'
  | 'futures'
  | 'trust'
  | 'fund'
  | 'financing_guarantee'
  | 'microcredit'
  | 'pawn'
  | 'payment'
  | 'exchange'
  | 'olympic'
  | 'law_firm'
  | 'accounting_firm'
  | 'hospital'

export type CautionBasis = 'finance' | 'academic'

export type WordBasis = ForbiddenBasis | ApprovalBasis | CautionBasis

export interface BasisEntry {
  /** The legal source cited with every finding. */
  rule: string
  /** What the word is (禁用, 提示) or what it needs (限用). */
  reason: string
}

export const FORBIDDEN_BASES: Record<ForbiddenBasis, BasisEntry> = {
  party_state_military: {
    rule: '《企业名称登记管理规定》第十一条第（三）项',
    reason: '政党、党政军机关、群团组织名称及其简称、特定称谓和部队番号',
  },
  foreign_international: {
    rule: '《企业名称登记管理规定》第十一条第（四）项',
    reason: '外国国家（地区）、国际组织名称及其通用简称、特定称谓',
  },
  obscene_gambling_superstition_violence: {
    rule: '《企业名称登记管理规定》第十一条第（五）项',
    reason: '淫秽、色情、赌博、迷信、恐怖、暴力的内容',
  },
  discrimination: {
    rule: '《企业名称登记管理规定》第十一条第（六）项',
    reason: '民族、种族、宗教、性别歧视的内容',
  },
  leaders_martyrs: {
    rule: '《企业名称登记管理规定》第十一条第（七）项；《中华人民共和国英雄烈士保护法》第二十二条；《企业名称禁限用规则》',
    reason: '党和国家领导人、老一辈革命家、知名烈士和知名模范的姓名',
  },
  colonial_feudal: {
    rule: '《企业名称登记管理规定》第十一条第（一）（七）项；《企业名称禁限用规则》',
    reason: '带有殖民文化色彩、封建文化糟粕，有损国家尊严或违背公序良俗的内容',
  },
  misleading: {
    rule: '《企业名称登记管理规定》第十一条第（八）项',
    reason: '可能使公众受骗或者产生误解的内容',
  },
}

/** 限用: the approval document the applicant must hold (reason) and the law requiring it (rule). */
export const APPROVAL_BASES: Record<ApprovalBasis, BasisEntry> = {
  bank: {
    rule: '《中华人民共和国商业银行法》第十一条；《企业名称禁限用规则》',
    reason: '国家金融监督管理总局（或其派出机构）准予设立银行业金融机构的批准文件',
  },
  insurance: {
    rule: '《中华人民共和国保险法》第六十七条、第一百一十九条；《企业名称禁限用规则》',
    reason: '国家金融监督管理总局（或其派出机构）准予设立保险机构或保险中介机构的批准文件',
  },
  securities: {
    rule: '《中华人民共和国证券法》第一百一十八条；《企业名称禁限用规则》',
    reason: '中国证券监督管理委员会准予设立证券公司或证券服务机构的批准文件',
  },
  futures: {
    rule: '《中华人民共和国期货和衍生品法》；《企业名称禁限用规则》',
    reason: '中国证券监督管理委员会准予设立期货经营机构的批准文件',
  },
  trust: {
    rule: '《信托公司管理办法》第七条；《企业名称禁限用规则》',
    reason: '国家金融监督管理总局准予设立信托公司的批准文件',
  },
  fund: {
    rule: '《中华人民共和国证券投资基金法》；《企业名称禁限用规则》',
    reason: '中国证券监督管理委员会准予设立基金管理公司的批准文件（私募基金管理人须另有地方金融管理部门的意见）',
  },
  financing_guarantee: {
    rule: '《融资担保公司监督管理条例》第六条',
    reason: '省级融资担保公司监督管理部门准予设立融资担保公司的批准文件',
  },
  microcredit: {
    rule: '《企业名称禁限用规则》；地方金融监督管理规定',
    reason: '省级地方金融管理部门准予设立小额贷款公司的批准文件',
  },
  pawn: {
    rule: '《典当管理办法》；《企业名称禁限用规则》',
    reason: '典当行业监督管理部门颁发的典当经营许可证或准予设立的批准文件',
  },
  payment: {
    rule: '《非银行支付机构监督管理条例》；《企业名称禁限用规则》',
    reason: '中国人民银行准予设立非银行支付机构的批准文件',
  },
  exchange: {
    rule: '《国务院关于清理整顿各类交易场所切实防范金融风险的决定》（国发〔2011〕38号）',
    reason: '国务院或者国务院金融管理部门批准设立交易所的文件',
  },
  olympic: {
    rule: '《奥林匹克标志保护条例》第四条、第五条',
    reason: '奥林匹克标志权利人（中国奥林匹克委员会）的使用许可合同',
  },
  law_firm: {
    rule: '《中华人民共和国律师法》第十四条、第十八条',
    reason: '司法行政部门准予设立律师事务所的决定（律师事务所执业许可证）',
  },
  accounting_firm: {
    rule: '《中华人民共和国注册会计师法》第二十三条、第二十四条',
    reason: '省级财政部门准予设立会计师事务所的批准文件',
  },
  hospital: {
    rule: '《医疗机构管理条例》第九条',
    reason: '卫生健康主管部门出具的设置医疗机构批准书',
  },
}

export const CAUTION_BASES: Record<CautionBasis, BasisEntry> = {
  finance: {
    rule: '《企业名称登记管理规定》第十一条第（八）项；《企业名称禁限用规则》',
    reason: '含有金融类字词，未经金融管理部门批准不得从事金融业务，登记机关将审查经营范围是否相符',
  },
  academic: {
    rule: '《企业名称登记管理规定》第十一条第（八）项',
    reason: '易与学历教育机构混淆，登记机关将审查是否可能使公众产生误解',
  },
}

export interface NameWord {
  word: string
  basis: WordBasis
  grade: WordGrade
  /**
   * 'anywhere': in the 字号 or in the industry wording. 'zihao': only as the whole 字号; a longer 字号 that
   * contains it (a personal name, another meaning) is a 提示 for the registrar.
   */
  scope: 'anywhere' | 'zihao'
  /** Compounds in which the word means something else and is harmless (a food, a herb, a street, a brand). */
  harmless: string[]
}

type Spec = string | { word: string; scope?: NameWord['scope']; harmless?: string[] }

function entries(basis: WordBasis, grade: WordGrade, specs: Spec[]): NameWord[] {
  return specs.map((spec) => {
    const { word, scope = 'anywhere', harmless = [] } = typeof spec === 'string' ? { word: spec } : spec
    return { word, basis, grade, scope, harmless }
  })
}

export const NAME_WORDS: NameWord[] = [
  // 禁用 — Reg 11
  ...entries('party_state_military', 'forbidden', [
    '共产党',
    '国民党',
    '党中央',
    '中共',
    '国务院',
    { word: '人大', scope: 'zihao' },
    '政协',
    '政府',
    '纪委',
    '监委',
    '法院',
    '检察院',
    '公安',
    '警察',
    '特警',
    '武警',
    '派出所',
    '解放军',
    { word: '八一', harmless: ['八一路', '八一大道', '八一街', '八一广场', '八一村', '八一桥'] },
    '部队',
    '军区',
    '军委',
    '国防',
    '军品',
    '军工',
    '军需',
    '海军',
    '陆军',
    '空军',
    '火箭军',
    '战区',
    '民兵',
    '共青团',
    '团中央',
    '妇联',
    '总工会',
    '红十字',
  ]),
  ...entries('foreign_international', 'forbidden', [
    '联合国',
    '世界贸易组织',
    '世贸组织',
    '世界卫生组织',
    '北约',
    '欧盟',
    '东盟',
    '奥委会',
    '国际货币基金',
    '世界银行',
    '美国',
    '日本',
    '英国',
    { word: '法国', harmless: ['法国梧桐'] },
    '德国',
    '俄罗斯',
    '韩国',
    { word: '朝鲜', harmless: ['朝鲜族', '朝鲜蓟'] },
    { word: '意大利', harmless: ['意大利面'] },
    '加拿大',
    '澳大利亚',
    '新西兰',
    '新加坡',
    { word: '泰国', harmless: ['泰国香米'] },
    { word: '印度', harmless: ['印度飞饼'] },
    { word: '越南', harmless: ['越南粉', '越南河粉'] },
    '西班牙',
    '葡萄牙',
    { word: '荷兰', harmless: ['荷兰豆'] },
    { word: '瑞士', harmless: ['瑞士卷'] },
    '瑞典',
    { word: '巴西', harmless: ['巴西木', '巴西龟'] },
    '墨西哥',
    '以色列',
    { word: '土耳其', harmless: ['土耳其烤肉'] },
    '埃及',
    { word: '南非', harmless: ['南非叶'] },
    '菲律宾',
    '马来西亚',
    '印度尼西亚',
    '巴基斯坦',
    '伊朗',
    '乌克兰',
    '比利时',
    { word: '丹麦', harmless: ['丹麦曲奇'] },
    '挪威',
    '芬兰',
    { word: '希腊', harmless: ['希腊酸奶'] },
    '波兰',
    '奥地利',
    '阿根廷',
  ]),
  ...entries('obscene_gambling_superstition_violence', 'forbidden', [
    '赌',
    '博彩',
    '色情',
    { word: '淫', harmless: ['淫羊藿'] },
    { word: '情色', harmless: ['情色彩'] },
    '裸聊',
    '迷信',
    '算命',
    '占卜',
    '驱鬼',
    '驱邪',
    '风水',
    '恐怖',
    '暴力',
    '黑社会',
    '黑帮',
    '邪教',
    '毒品',
    '杀手',
    '杀人',
    '砍杀',
  ]),
  ...entries('discrimination', 'forbidden', ['支那', '倭寇', '黑鬼', '鬼子', '蛮夷', '洋鬼', '异教徒']),
  ...entries('leaders_martyrs', 'forbidden', [
    '毛泽东',
    '周恩来',
    '刘少奇',
    { word: '朱德', scope: 'zihao' },
    '邓小平',
    { word: '陈云', scope: 'zihao' },
    '江泽民',
    '胡锦涛',
    '习近平',
    '雷锋',
    '焦裕禄',
    '黄继光',
    '邱少云',
    '董存瑞',
    '刘胡兰',
    '张思德',
    '王进喜',
    '方志敏',
    '杨靖宇',
    '赵一曼',
    '狼牙山五壮士',
  ]),
  ...entries('colonial_feudal', 'forbidden', [
    '大东亚',
    { word: '大和', harmless: ['大和谐', '大和平', '大和睦'] },
    '皇军',
    '天皇',
    '满洲国',
    '东亚共荣',
    '租界',
    { word: '帝王', harmless: ['帝王蟹', '帝王花'] },
    { word: '皇帝', harmless: ['皇帝柑', '皇帝蕉'] },
    { word: '皇上', harmless: ['皇上皇'] },
    '太上皇',
    { word: '朕', scope: 'zihao' },
    '殖民',
  ]),
  ...entries('misleading', 'forbidden', ['特供', '专供', '国宾', '驰名', '国家级', '世界级', '最高级', '全球第一', '中国第一', '驰名商标', '官方', '政务服务']),
  // 限用 — needs the approval document of APPROVAL_BASES
  ...entries('bank', 'restricted', ['银行']),
  ...entries('insurance', 'restricted', [{ word: '保险', harmless: ['保险柜', '保险箱', '保险丝', '保险杠', '保险盒'] }]),
  ...entries('securities', 'restricted', ['证券']),
  ...entries('futures', 'restricted', ['期货']),
  ...entries('trust', 'restricted', ['信托']),
  ...entries('fund', 'restricted', ['基金管理', '公募基金']),
  ...entries('financing_guarantee', 'restricted', ['融资担保']),
  ...entries('microcredit', 'restricted', ['小额贷款']),
  ...entries('pawn', 'restricted', ['典当']),
  ...entries('payment', 'restricted', ['支付']),
  ...entries('exchange', 'restricted', ['交易所']),
  ...entries('olympic', 'restricted', ['奥林匹克', '奥运']),
  ...entries('law_firm', 'restricted', ['律师']),
  ...entries('accounting_firm', 'restricted', ['会计师']),
  ...entries('hospital', 'restricted', [{ word: '医院', harmless: ['医院管理'] }]),
  // 提示 — declared, then a registrar reviews
  ...entries('finance', 'caution', ['金融']),
  ...entries('academic', 'caution', [
    { word: '大学', harmless: ['大学生'] },
    { word: '学院', harmless: ['学院路'] },
  ]),
]

export const basisOf = (entry: Pick<NameWord, 'basis' | 'grade'>): BasisEntry =>
  entry.grade === 'forbidden'
    ? FORBIDDEN_BASES[entry.basis as ForbiddenBasis]
    : entry.grade === 'restricted'
      ? APPROVAL_BASES[entry.basis as ApprovalBasis]
      : CAUTION_BASES[entry.basis as CautionBasis]
