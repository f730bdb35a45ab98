/**
 * Which ninefold the benchmarks run. Users get the package compiled by tsc (`dist/`), while tsx
 * (which runs the benchmarks) compiles the sources with esbuild's keepNames, a `__name()` call
 * for every closure created: about a third slower on the shell workloads. So `run.ts` builds the
 * package once into bench/.build (NINEFOLD_BUILD names it; children inherit it) and every
 * workload imports that; without it (profile.ts, a workload run alone) the sources are used.
 */
import { execFileSync } from 'node:child_process'
import { fileURLToPath, pathToFileURL } from 'node:url'

type Ninefold = typeof import('../src/index.ts')

const root = fileURLToPath(new URL('..', import.meta.url))

/** Compiles the package as `npm run build` does, into bench/.build; returns its directory. */
export function buildPackage(): string {
  const out = root + 'bench/.build'
  execFileSync(process.execPath, [root + 'node_modules/typescript/bin/tsc', '-p', root + 'tsconfig.build.json', '--outDir', out, '--declaration', 'false'], { stdio: 'inherit' })
  process.env.NINEFOLD_BUILD = out
  return out
}

export async function ninefold(): Promise<Ninefold> {
  const build = process.env.NINEFOLD_BUILD
  if (build) return (await import(pathToFileURL(build + '/src/index.js').href)) as Ninefold
  return import('../src/index.ts')
}
