/** pino paths that never reach a log: tokens, phone numbers, names, ID numbers, addresses, codes. */
export const LOG_REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.body.phone',
  'req.body.code',
  'req.body.name',
  'req.body.idNumber',
  'req.body.address',
  'req.body.agent',
  'req.body.recipient',
  'req.body.signature',
  'body.phone',
  'body.idNumber',
  'body.name',
  '*.phone',
  '*.idNumber',
  '*.token',
]
