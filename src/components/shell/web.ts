/** The mini-program has WeChat's navigation bar and network handling: nothing to add (H5: ./web.h5.ts). */
export function startWebShell() {}
