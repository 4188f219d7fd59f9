import { authorizationText, fullAddress, validUntilOf, type AuthorizationDocument } from '../../src/domain/pickup-authorization'

const base: AuthorizationDocument = {
  number: null,
  principal: { name: '张三', idType: '居民身份证', idNumberMasked: '510107********001X' },
  hallName: '天府新区政务服务中心',
  caseNumber: 'YS-20261124-000001',
  itemName: '有限责任公司设立登记',
  licenceName: '营业执照',
  licenceCopies: '正本1份、副本1份',
  method: { kind: 'ems', recipient: '李四', phoneMasked: '138****5678', province: '四川省', city: '成都市', district: '武侯区', address: '人民南路四段1号' },
  signedAt: null,
}

describe('authorizationText (民法典 165: agent, matter, authority, period, signature)', () => {
  it('names the principal, the case and licence, the EMS recipient and address, the authority, the period and the statement', () => {
    const text = authorizationText(base)
    expect(text.title).toBe('取件委托书')
    expect(text.sections.map((s) => s.heading)).toEqual(['一、委托人', '二、委托事项', '三、领取方式', '四、委托权限', '五、委托期限', '六、委托人声明'])
    const all = text.sections.flatMap((s) => s.lines).join('\n')
    for (const part of [
      '姓名：张三',
      '证件号码：510107********001X',
      '办件编号：YS-20261124-000001',
      '证照名称：营业执照',
      '证照份数：正本1份、副本1份',
      '收件人：李四',
      '收件人联系电话：138****5678',
      '收件地址：四川省成都市武侯区人民南路四段1号',
      '代为签收',
      '30日内有效',
    ]) {
      expect(all).toContain(part)
    }
  })

  it('names the agent and grants 代为领取 for an agent pickup', () => {
    const text = authorizationText({ ...base, method: { kind: 'agent', name: '赵六', idNumberMasked: '510107********0022', phoneMasked: '139****1111' } })
    expect(text.sections[2].lines).toEqual([
      '领取方式：代领人凭本人有效身份证件到窗口领取',
      '代领人姓名：赵六',
      '代领人证件类型：居民身份证',
      '代领人证件号码：510107********0022',
      '代领人联系电话：139****1111',
    ])
    expect(text.sections[3].lines[0]).toContain('代为领取上述证照')
  })

  it('shows placeholders before signing and the number, Shanghai signing time and last valid day after', () => {
    expect(authorizationText(base).signing).toEqual(['授权编号：签署后生成', '签署时间：确认签署时记录', '有效期至：签署之日起30日'])
    const signed = authorizationText({ ...base, number: 'WT20261124000001', signedAt: '2026-11-24T16:30:00.000Z' })
    expect(signed.signing).toEqual(['授权编号：WT20261124000001', '签署时间：2026年11月25日 00:30', '有效期至：2026年12月25日'])
  })

  it('keeps the body identical before and after signing: what was read is what is signed', () => {
    const signed = authorizationText({ ...base, number: 'WT1', signedAt: '2026-11-24T02:00:00.000Z' })
    expect(signed.sections).toEqual(authorizationText(base).sections)
  })
})

describe('validity and addresses', () => {
  it('counts 30 Shanghai calendar days from the signing day, across months and years', () => {
    expect(validUntilOf(new Date('2026-11-24T02:00:00Z'))).toBe('2026-12-24')
    expect(validUntilOf(new Date('2026-12-15T17:00:00Z'))).toBe('2027-01-15') // 01:00 on 12-16 in Shanghai
    expect(validUntilOf(new Date('2028-01-31T00:00:00Z'))).toBe('2028-03-01')
  })

  it('prints a level repeated by the division tree once (municipalities, county-level cities under a province)', () => {
    expect(fullAddress({ province: '北京市', city: '北京市', district: '东城区', address: '东长安街1号' })).toBe('北京市东城区东长安街1号')
    expect(fullAddress({ province: '湖北省', city: '仙桃市', district: '仙桃市', address: '钱沟路1号' })).toBe('湖北省仙桃市钱沟路1号')
    expect(fullAddress({ province: '四川省', city: '成都市', district: '武侯区', address: '人民南路四段1号' })).toBe('四川省成都市武侯区人民南路四段1号')
  })
})
