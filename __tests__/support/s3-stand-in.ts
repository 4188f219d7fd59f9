import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import S3rver from 's3rver'

export const S3_BUCKET = 'onetrip-files'

/**
 * A local S3-compatible server (s3rver from the npm registry) with one bucket: it speaks the S3 REST
 * protocol the SDK sends (SigV4 headers, multipart, copy, ranges) and refuses unknown access keys and
 * missing buckets as S3 does.
 */
export async function startS3StandIn() {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'onetrip-s3-'))
  const server = new S3rver({ port: 0, address: '127.0.0.1', directory, silent: true, configureBuckets: [{ name: S3_BUCKET }] })
  const { port } = await server.run()
  const endpoint = `http://127.0.0.1:${port}`
  return {
    endpoint,
    /** The BFF's environment for this bucket; `overrides` make it fail (another bucket, other keys). */
    env: (overrides: Record<string, string> = {}): Record<string, string> => ({
      STORAGE: 's3',
      S3_ENDPOINT: endpoint,
      S3_BUCKET,
      S3_REGION: 'ap-guangzhou',
      S3_ACCESS_KEY_ID: 'S3RVER',
      S3_SECRET_ACCESS_KEY: 'S3RVER',
      S3_FORCE_PATH_STYLE: 'true',
      ...overrides,
    }),
    async close() {
      await server.close()
      fs.rmSync(directory, { recursive: true, force: true })
    },
  }
}

/** An endpoint that accepts connections and never answers: a bucket behind a dead link. */
export async function startSilentEndpoint() {
  const sockets = new Set<net.Socket>()
  const server = net.createServer((socket) => void sockets.add(socket))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    endpoint: `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`,
    close: () => {
      for (const socket of sockets) socket.destroy()
      return new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
