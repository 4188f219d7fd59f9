/** Masks for personal data shown on screens and in responses (PIPL: show only what the user needs). */

export const maskIdNumber = (id: string) => (id.length < 10 ? '*'.repeat(id.length) : id.slice(0, 6) + '*'.repeat(id.length - 10) + id.slice(-4))

export const maskPhone = (phone: string) => (phone.length === 11 ? phone.slice(0, 3) + '****' + phone.slice(7) : '*'.repeat(phone.length))

/** 张三 → 张*, 欧阳娜娜 → 欧***: the family name stays so a hall screen can still be read. */
export const maskName = (name: string) => {
  const chars = [...name]
  return chars.length <= 1 ? '*' : chars[0] + '*'.repeat(chars.length - 1)
}

export const maskAddress = (address: string) => {
  const chars = [...address]
  return chars.length <= 6 ? chars[0] + '*'.repeat(Math.max(chars.length - 1, 0)) : chars.slice(0, 6).join('') + '****'
}
