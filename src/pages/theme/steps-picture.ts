/**
 * The theme guide's picture (证照通: "简单、直观、易懂"): the applicant's one trip drawn as an SVG — answer the
 * questions, hand in the merged materials once, the departments review side by side, one combined notice,
 * the licences together. Drawn here from the theme's own departments and promised time; shown as an image
 * (both targets) whose label says the same in words.
 */

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

/** A department's name without the area it belongs to, for the small boxes. */
export const shortDepartment = (name: string) => name.replace(/^(天府新区|成都市|国家税务总局四川天府新区)/, '').replace(/（.*?）$/, '')

const PRIMARY = '#1a5fb4'
const SOFT = '#e8f0fb'
const GREEN = '#1e7b34'
const TEXT = '#1f2329'
const WIDTH = 640

function step(y: number, n: number, title: string, note: string): string {
  return [
    `<rect x="20" y="${y}" width="${WIDTH - 40}" height="64" rx="14" fill="${SOFT}" stroke="${PRIMARY}" stroke-width="2"/>`,
    `<circle cx="56" cy="${y + 32}" r="20" fill="${PRIMARY}"/>`,
    `<text x="56" y="${y + 39}" font-size="20" font-weight="700" fill="#fff" text-anchor="middle">${n}</text>`,
    `<text x="90" y="${y + 28}" font-size="20" font-weight="700" fill="${TEXT}">${escape(title)}</text>`,
    `<text x="90" y="${y + 52}" font-size="16" fill="#5c6370">${escape(note)}</text>`,
  ].join('')
}

const arrow = (x1: number, y1: number, x2: number, y2: number) =>
  `<line x1="${x1}" y1="${y1}" x2="${x2}" y2="${y2}" stroke="${PRIMARY}" stroke-width="3" marker-end="url(#arrow)"/>`

export interface StepsPicture {
  svg: string
  /** The picture in words (its accessible name). */
  label: string
  height: number
}

export function stepsPicture(input: { departments: readonly string[]; itemCount: number; materialCount: number; afterDays: number }): StepsPicture {
  const departments = input.departments.length ? input.departments : ['审批部门']
  const columns = departments.length
  const boxWidth = (WIDTH - 40 - (columns - 1) * 12) / columns
  const parts: string[] = [
    `<defs><marker id="arrow" viewBox="0 0 10 10" refX="8" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0 0L10 5L0 10z" fill="${PRIMARY}"/></marker></defs>`,
    step(10, 1, '回答情形引导', `确定要办的${input.itemCount}个事项`),
    arrow(WIDTH / 2, 74, WIDTH / 2, 104),
    step(108, 2, '一窗受理，一次提交', `合并后的${input.materialCount}份材料只交一次`),
  ]
  const rowTop = 230
  departments.forEach((department, i) => {
    const x = 20 + i * (boxWidth + 12)
    const centre = x + boxWidth / 2
    const label = shortDepartment(department)
    const size = Math.max(12, Math.min(18, Math.floor((boxWidth - 12) / Math.max(label.length, 4))))
    parts.push(
      arrow(WIDTH / 2, 172, centre, rowTop - 4),
      `<rect x="${x}" y="${rowTop}" width="${boxWidth}" height="70" rx="12" fill="#fff" stroke="${PRIMARY}" stroke-width="2"/>`,
      `<text x="${centre}" y="${rowTop + 30}" font-size="${size}" font-weight="700" fill="${TEXT}" text-anchor="middle">${escape(label)}</text>`,
      `<text x="${centre}" y="${rowTop + 56}" font-size="14" fill="#5c6370" text-anchor="middle">并联审查</text>`,
      arrow(centre, rowTop + 70, WIDTH / 2, 366),
    )
  })
  parts.push(
    step(370, 3, '一次性告知', '各部门意见合并为一份，一次补正'),
    arrow(WIDTH / 2, 434, WIDTH / 2, 464),
    `<rect x="20" y="468" width="${WIDTH - 40}" height="64" rx="14" fill="#e7f5eb" stroke="${GREEN}" stroke-width="2"/>`,
    `<rect x="40" y="480" width="34" height="40" rx="4" fill="#fff" stroke="${GREEN}" stroke-width="2"/>`,
    `<line x1="47" y1="492" x2="67" y2="492" stroke="${GREEN}" stroke-width="2"/><line x1="47" y1="500" x2="67" y2="500" stroke="${GREEN}" stroke-width="2"/>`,
    `<circle cx="64" cy="512" r="5" fill="${GREEN}"/>`,
    `<text x="90" y="496" font-size="20" font-weight="700" fill="${TEXT}">证照同时办结</text>`,
    `<text x="90" y="520" font-size="16" fill="#5c6370">${escape(`承诺${input.afterDays}个工作日内全部办结`)}</text>`,
  )
  const height = 545
  return {
    svg: `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${height}" font-family="sans-serif">${parts.join('')}</svg>`,
    label: `办理步骤：1 回答情形引导，确定${input.itemCount}个事项；2 一窗受理，合并后的${input.materialCount}份材料一次提交；${departments
      .map(shortDepartment)
      .join('、')}并联审查；3 各部门意见合并为一份一次性告知；证照同时办结，承诺${input.afterDays}个工作日。`,
    height,
  }
}

/** The picture as an image source (H5 and the mini-program both show SVG data URLs). */
export const svgDataUrl = (svg: string) => `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`
