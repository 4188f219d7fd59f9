/**
 * SIGTERM on a real BFF process: it stops accepting connections, finishes the request in flight, tells
 * WebSocket clients to reconnect (1012 service restart), stops its jobs, closes the database and exits 0.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import http from 'node:http'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import WebSocket from 'ws'

jest.setTimeout(180_000)

const ROOT = path.resolve(__dirname, '../..')

function startBff(dataDir: string): Promise<{ child: ChildProcess; port: number; output: () => string }> {
  const port = 20000 + crypto.randomInt(20000)
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, SEED: 'off', RATE_LIMIT: 'off', H5_DIR: '', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk
      if (output.includes('OneTrip BFF')) resolve({ child, port, output: () => output })
    })
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk))
    child.once('exit', (code) => reject(new Error(`BFF exited with ${code} before it started: ${output.slice(-2000)}`)))
    setTimeout(() => reject(new Error(`BFF did not start: ${output.slice(-2000)}`)), 150_000).unref()
  })
}

/** Whether a new TCP connection to the port is refused. */
const refused = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = net.connect(port, '127.0.0.1')
    socket.once('connect', () => {
      socket.destroy()
      resolve(false)
    })
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED'))
  })

describe('graceful shutdown on SIGTERM', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'onetrip-shutdown-'))
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }))

  it('finishes the request in flight, refuses new connections, sends 1012 to WebSockets and exits 0', async () => {
    const { child, port, output } = await startBff(dataDir)
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
    try {
      const socket = new WebSocket(`ws://127.0.0.1:${port}/api/v1/queue/live?hallId=tianfu`)
      await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject))
      const closed = new Promise<{ code: number; reason: string }>((resolve) =>
        socket.once('close', (code, reason) => resolve({ code, reason: String(reason) })),
      )

      // A request in flight: headers and half of the body sent before the signal, the rest after it.
      const body = JSON.stringify({ phone: '13800138000' })
      const request = http.request({
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/api/v1/auth/sms/send',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      })
      const answered = new Promise<{ status: number; body: string }>((resolve, reject) => {
        request.once('response', (response) => {
          let text = ''
          response.on('data', (chunk) => (text += chunk))
          response.on('end', () => resolve({ status: response.statusCode!, body: text }))
        })
        request.once('error', reject)
      })
      request.write(body.slice(0, 10))
      request.flushHeaders()
      // The server has the request once its socket is open; give it the first bytes before the signal.
      await new Promise<void>((resolve) => request.once('socket', (s) => (s.connecting ? s.once('connect', () => resolve()) : resolve())))
      await new Promise((resolve) => setTimeout(resolve, 300))

      child.kill('SIGTERM')
      expect(await closed).toEqual({ code: 1012, reason: 'service restart, reconnect' })
      const deadline = Date.now() + 30_000
      while (!(await refused(port)) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100))
      expect(await refused(port)).toBe(true)
      expect(child.exitCode).toBeNull()

      request.end(body.slice(10))
      const reply = await answered
      expect(reply.status).toBe(200)
      expect(JSON.parse(reply.body)).toHaveProperty('resendAfterSeconds')
      expect(await exited).toBe(0)
      expect(output()).not.toMatch(/did not finish|shutdown failed/)
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL')
    }
  })
})
