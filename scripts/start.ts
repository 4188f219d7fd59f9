// `npm start`: builds the H5 app when its sources changed, then starts the BFF on the embedded
// database (PGlite under ./data, migrated and seeded with demo data) serving the H5 app and the API.
import { buildIsStale, mustRun, npxBin } from './lib'

if (buildIsStale('h5')) {
  console.log('Building the H5 app (about 20 s the first time)…')
  mustRun(npxBin('taro'), ['build', '--type', 'h5'])
}
process.env.H5_DIR ??= 'dist/h5'
// Imported after H5_DIR is set: the server reads it when it loads.
void import('../server/main')
