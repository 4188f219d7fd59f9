/*
 * OneTrip's service worker (H5): makes the app installable and lets it open without a network, showing its own
 * "网络已断开" notice instead of the browser's error page. It caches the app shell only — index.html, the
 * build's content-hashed scripts and styles, icons and the manifest. The BFF's answers (/api/…: tickets, cases,
 * names, ID numbers, signatures) and downloads are never cached: personal data stays off the device's cache.
 */
const SHELL_CACHE = 'onetrip-shell-v1'
const SHELL_PAGE = '/index.html'
// Scripts and styles carry a content hash in their names: a cached copy is never stale.
const HASHED_ASSET = /^\/(js|css)\/[^/]+\.[0-9a-f]{8}\.(js|css)$/
// Named without a hash: served from the network while there is one, from the cache without.
// A hashed file no build has asked for in 30 days is dropped, so deployments do not pile up on the phone.
const HASHED_KEEP_MS = 30 * 86_400_000
const SHELL_FILES = ['/', SHELL_PAGE, '/manifest.webmanifest', '/icons/icon.svg', '/icons/icon-180.png', '/icons/icon-192.png', '/icons/icon-512.png']

self.addEventListener('install', (event) => {
  event.waitUntil(cacheShell().then(() => self.skipWaiting()))
})

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((name) => name !== SHELL_CACHE).map((name) => caches.delete(name))))
      .then(() => self.clients.claim()),
  )
})

// The page sends the scripts and styles it loaded before this worker controlled it (the first visit).
self.addEventListener('message', (event) => {
  const urls = event.data && Array.isArray(event.data.cacheShell) ? event.data.cacheShell : []
  const own = urls.filter((url) => typeof url === 'string' && isHashedAsset(new URL(url, self.location.origin)))
  event.waitUntil(
    caches.open(SHELL_CACHE).then(async (cache) => {
      for (const url of own) if (!(await cache.match(url))) await cache.add(url)
    }),
  )
})

self.addEventListener('fetch', (event) => {
  const request = event.request
  const url = new URL(request.url)
  if (request.method !== 'GET' || url.origin !== self.location.origin) return
  if (SHELL_FILES.includes(url.pathname)) {
    event.respondWith(networkFirst(request, url.pathname === '/' ? SHELL_PAGE : url.pathname))
  } else if (isHashedAsset(url)) {
    event.respondWith(cacheFirst(request))
  }
  // Everything else — the API, files, downloads opened as pages, /docs — goes to the network untouched.
})

function isHashedAsset(url) {
  return url.origin === self.location.origin && HASHED_ASSET.test(url.pathname)
}

/** The shell files and the scripts and styles index.html names, fetched fresh so a new build replaces the old shell. */
async function cacheShell() {
  const cache = await caches.open(SHELL_CACHE)
  const page = await fetch(SHELL_PAGE, { cache: 'no-cache' })
  if (!page.ok) return
  const html = await page.clone().text()
  const named = [...html.matchAll(/(?:src|href)="(\/[^"]+)"/g)].map((match) => match[1]).filter((path) => isHashedAsset(new URL(path, self.location.origin)))
  await cache.put(SHELL_PAGE, page)
  await cache.addAll([...SHELL_FILES.filter((path) => path !== '/' && path !== SHELL_PAGE), ...named])
}

/** The app is hash-routed, so every page of it is index.html ("/" included). */
async function networkFirst(request, cacheKey) {
  try {
    const response = await fetch(request)
    if (response.ok) {
      const copy = response.clone()
      caches.open(SHELL_CACHE).then((cache) => cache.put(cacheKey, copy).then(() => cacheKey === SHELL_PAGE && pruneHashedAssets()))
    }
    return response
  } catch (offline) {
    const cached = await caches.match(cacheKey)
    if (cached) return cached
    throw offline
  }
}

async function cacheFirst(request) {
  const cached = await caches.match(request)
  if (cached) return cached
  const response = await fetch(request)
  if (response.ok) {
    const copy = response.clone()
    caches.open(SHELL_CACHE).then((cache) => cache.put(request, copy))
  }
  return response
}

/** A cached copy's age is the `date` its response carried when it was fetched. */
async function pruneHashedAssets() {
  const cache = await caches.open(SHELL_CACHE)
  for (const request of await cache.keys()) {
    if (!isHashedAsset(new URL(request.url))) continue
    const response = await cache.match(request)
    const fetchedAt = Date.parse((response && response.headers.get('date')) || '')
    if (!(fetchedAt > Date.now() - HASHED_KEEP_MS)) await cache.delete(request)
  }
}
