import { withApp } from './shared'

/**
 * Runs every job that is due now and exits: for a cron fallback, or to catch up after downtime
 * without starting the server. Safe beside running servers: each job fires once.
 */
export async function runJobsRun(options: { limit?: number }): Promise<void> {
  await withApp(async ({ core }) => {
    const done = await core.jobs.runDue(options.limit ?? 10_000)
    console.log(`已执行到期任务 ${done} 个`)
  })
}
