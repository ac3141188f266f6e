// CLI tests run bin/zhanqun.js, which runs dist/: build it once before any test starts, so
// parallel test files never race to rebuild it.
export default async function setup(): Promise<void> {
  // @ts-expect-error: plain JavaScript build script without type declarations
  const { buildDist, isStale } = (await import('./scripts/build.mjs')) as {
    buildDist: () => Promise<void>
    isStale: () => boolean
  }
  if (isStale()) await buildDist()
}
