import http from 'node:http'
import type { AddressInfo } from 'node:net'

export interface StandInRequest {
  method: string
  url: URL
  headers: http.IncomingHttpHeaders
  body: Buffer
}

/** What a stand-in answers: a status and a JSON body, or 'hang' (never answers: the provider's timeout). */
export type StandInAnswer = { status: number; body: unknown } | 'hang'

export interface StandIn {
  /** `http://127.0.0.1:<port>` */
  url: string
  requests: StandInRequest[]
  close(): Promise<void>
}

/** A local HTTP server on a free port that answers every request through `answer`. */
export async function startStandIn(answer: (request: StandInRequest) => StandInAnswer | Promise<StandInAnswer>): Promise<StandIn> {
  const requests: StandInRequest[] = []
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', async () => {
      const request = { method: req.method ?? 'GET', url: new URL(req.url ?? '/', 'http://stand-in'), headers: req.headers, body: Buffer.concat(chunks) }
      requests.push(request)
      const reply = await answer(request)
      if (reply === 'hang') return
      res.writeHead(reply.status, { 'content-type': 'application/json' })
      res.end(JSON.stringify(reply.body))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    async close() {
      server.closeAllConnections()
      await new Promise((resolve) => server.close(resolve))
    },
  }
}
