/**
 * Words a name must not contain (Reg 11; 《企业名称禁限用规则》), searched as substrings of the 字号 and of
 * the industry wording (division names are exempt: 公安县 is a county). Each entry names the clause it
 * violates. Bump the version with every change: declarations record the version they were checked against.
 */

export const PROHIBITED_WORDS_VERSION = '2026.11.1'

export type ProhibitedRule =
  | 'party_state_military'
  | 'foreign_international'
  | 'obscene_gambling_superstition_violence'
  | 'discrimination'
  | 'leaders_martyrs'
  | 'colonial_feudal'
  | 'misleading'

export const PROHIBITED_RULES: Record<ProhibitedRule, { rule: string; reason: string }> = {
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
    rule: '《企业名称登记管理规定》第十一条第（七）项；《企业名称禁限用规则》',
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

export const PROHIBITED_WORDS: { word: string; rule: ProhibitedRule }[] = [
  ...[
    '共产党', '国民党', '党中央', '中共', '国务院', '人大', '政协', '政府', '纪委', '监委', '法院', '检察院', '公安', '警察',
    '特警', '武警', '派出所', '解放军', '八一', '部队', '军区', '军委', '国防', '军品', '军工', '军需', '海军', '陆军', '空军',
    '火箭军', '战区', '民兵', '共青团', '团中央', '妇联', '总工会', '红十字',
  ].map((word) => ({ word, rule: 'party_state_military' as const })),
  ...[
    '联合国', '世界贸易组织', '世贸组织', '世界卫生组织', '北约', '欧盟', '东盟', '奥林匹克', '奥委会', '国际货币基金', '世界银行',
    '美国', '日本', '英国', '法国', '德国', '俄罗斯', '韩国', '朝鲜', '意大利', '加拿大', '澳大利亚', '新西兰', '新加坡', '泰国',
    '印度', '越南', '西班牙', '葡萄牙', '荷兰', '瑞士', '瑞典', '巴西', '墨西哥', '以色列', '土耳其', '埃及', '南非', '菲律宾',
    '马来西亚', '印度尼西亚', '巴基斯坦', '伊朗', '乌克兰', '比利时', '丹麦', '挪威', '芬兰', '希腊', '波兰', '奥地利', '阿根廷',
  ].map((word) => ({ word, rule: 'foreign_international' as const })),
  ...[
    '赌', '博彩', '色情', '淫', '情色', '裸聊', '迷信', '算命', '占卜', '驱鬼', '驱邪', '风水', '恐怖', '暴力', '黑社会', '黑帮',
    '邪教', '毒品', '杀手', '杀人', '砍杀',
  ].map((word) => ({ word, rule: 'obscene_gambling_superstition_violence' as const })),
  ...['支那', '倭寇', '黑鬼', '鬼子', '蛮夷', '洋鬼', '异教徒'].map((word) => ({ word, rule: 'discrimination' as const })),
  ...[
    '毛泽东', '周恩来', '刘少奇', '朱德', '邓小平', '陈云', '江泽民', '胡锦涛', '习近平', '雷锋', '焦裕禄', '黄继光', '邱少云',
    '董存瑞', '刘胡兰', '张思德', '王进喜', '方志敏', '杨靖宇', '赵一曼', '狼牙山五壮士',
  ].map((word) => ({ word, rule: 'leaders_martyrs' as const })),
  ...['大东亚', '大和', '皇军', '天皇', '满洲国', '东亚共荣', '租界', '帝王', '皇帝', '皇上', '太上皇', '朕', '殖民'].map((word) => ({
    word,
    rule: 'colonial_feudal' as const,
  })),
  ...['特供', '专供', '国宾', '国家级', '世界级', '最高级', '全球第一', '中国第一', '驰名商标', '官方', '政务服务'].map((word) => ({
    word,
    rule: 'misleading' as const,
  })),
]
