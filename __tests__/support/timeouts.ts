// Tests and hooks that start servers, databases or browsers run on a busy 2-core machine: jest's 5 s default
// fails them for load, not for a fault. Suites that need longer still set their own.
jest.setTimeout(60_000)
