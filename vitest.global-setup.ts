// CLI tests run bin/zhanqun.js, which runs dist/, and the back-office browser tests need
// admin/dist: build both once before any test starts, so parallel test files never race.
export default async function setup(): Promise<void> {
  // @ts-expect-error: plain JavaScript build script without type declarations
  const build = (await import('./scripts/build.mjs')) as {
    buildDist: () => Promise<void>
    isStale: () => boolean
    buildAdmin: () => Promise<void>
    isAdminStale: () => boolean
  }
  if (build.isStale()) await build.buildDist()
  if (build.isAdminStale()) await build.buildAdmin()
}
