/** s3rver (a local S3-compatible server, tests only) ships no types: the part the tests use. */
declare module 's3rver' {
  import type { AddressInfo } from 'node:net'
  export default class S3rver {
    constructor(options: {
      port?: number
      address?: string
      directory: string
      silent?: boolean
      configureBuckets?: { name: string }[]
      resetOnClose?: boolean
    })
    run(): Promise<AddressInfo>
    close(): Promise<void>
  }
}
