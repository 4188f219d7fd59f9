/**
 * The installable H5 app (issue 16, "Wider screens and installing"): a web app manifest with icons a browser accepts,
 * a service worker that keeps the app shell, so the app opens without a network and says so in Chinese, and that
 * never keeps the BFF's answers (personal data) in the phone's cache.
 */
import fs from 'node:fs'
import path from 'node:path'
import sharp from 'sharp'
import { openPhone, signIn, startStack, visiblePage, type Stack } from './harness'

jest.setTimeout(300_000)

let stack: Stack
let phone: Awaited<ReturnType<typeof openPhone>>

beforeAll(async () => {
  stack = await startStack()
  phone = await openPhone({ width: 390, height: 844 }, 2, { serviceWorkers: 'allow' })
}, 180_000)
afterAll(async () => {
  await phone?.close()
  await stack?.close()
})

interface Manifest {
  name: string
  short_name: string
  start_url: string
  display: string
  icons: { src: string; sizes: string; type: string; purpose?: string }[]
}

/** Every URL the app's caches hold. */
const cachedUrls = () =>
  phone.page.evaluate(async () => {
    const urls: string[] = []
    for (const name of await caches.keys()) for (const request of await (await caches.open(name)).keys()) urls.push(new URL(request.url).pathname)
    return urls
  })

it('has a manifest whose icons are the sizes it names, linked from the page', async () => {
  await phone.page.goto(stack.baseUrl)
  const link = await phone.page.locator('link[rel="manifest"]').getAttribute('href')
  expect(link).toBe('/manifest.webmanifest')
  const reply = await phone.page.request.get(`${stack.baseUrl}${link}`)
  expect(reply.ok()).toBe(true)
  const manifest = (await reply.json()) as Manifest
  expect(manifest).toMatchObject({ name: '仅跑一次 · 政务服务', short_name: '仅跑一次', start_url: '/', display: 'standalone' })
  for (const icon of manifest.icons.filter((i) => i.type === 'image/png')) {
    const image = await phone.page.request.get(`${stack.baseUrl}${icon.src}`)
    expect(image.ok()).toBe(true)
    const { width, height } = await sharp(await image.body()).metadata()
    expect(`${width}x${height}`).toBe(icon.sizes)
  }
  expect(manifest.icons.some((icon) => icon.purpose === 'maskable' && icon.sizes === '512x512')).toBe(true)
  // A new worker must reach phones at their next visit.
  expect((await phone.page.request.get(`${stack.baseUrl}/sw.js`)).headers()['cache-control']).toBe('no-cache')
})

it('opens without a network after one visit, saying the network is down, and keeps no personal data in its cache', async () => {
  const { page } = phone
  await signIn(page, stack.baseUrl, { phone: '13900000001' })
  await page.goto(`${stack.baseUrl}/#/pages/mine/index`)
  await visiblePage(page).getByText('139****0001').waitFor()
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 60_000 })
  // The first visit's scripts reach the cache when the worker has them (handed over after it took control).
  await page.waitForFunction(
    async () => {
      for (const name of await caches.keys())
        for (const request of await (await caches.open(name)).keys()) if (/\/js\/app\.[0-9a-f]{8}\.js$/.test(request.url)) return true
      return false
    },
    undefined,
    { timeout: 60_000, polling: 500 },
  )

  const urls = await cachedUrls()
  expect(urls).toContain('/index.html')
  expect(urls.filter((url) => !/^\/(index\.html|manifest\.webmanifest|icons\/[\w.-]+|(js|css)\/[\w.-]+\.[0-9a-f]{8}\.(js|css))$/.test(url))).toEqual([])

  await phone.context.setOffline(true)
  try {
    await page.reload()
    await page.getByRole('alert').getByText('网络已断开，请检查手机网络。').waitFor()
    // The page itself comes from the cache (its data does not: the BFF is out of reach).
    await visiblePage(page).getByText('消息', { exact: true }).waitFor()
    const screens = path.resolve(__dirname, '..', 'docs', 'screens')
    fs.mkdirSync(screens, { recursive: true })
    await page.screenshot({ path: path.join(screens, 'pwa-offline.png'), scale: 'css' })
  } finally {
    await phone.context.setOffline(false)
  }
  expect((await cachedUrls()).filter((url) => url.startsWith('/api/'))).toEqual([])
})
