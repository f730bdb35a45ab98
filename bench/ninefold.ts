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

export function ninefold(): Promise<Ninefold> {
  return fromBuild<Ninefold>('src/index')
}

/** A module of the package (`src/9p/client`), from the build when there is one, else from the sources. */
export async function fromBuild<M>(path: string): Promise<M> {
  const build = process.env.NINEFOLD_BUILD
  return (await import(build ? pathToFileURL(`${build}/${path}.js`).href : new URL(`../${path}.ts`, import.meta.url).href)) as M
}
