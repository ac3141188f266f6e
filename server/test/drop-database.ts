import pg from 'pg'

/**
 * Drops a test database, terminating what is still connected. A backend the test role may not
 * terminate (e.g. an autovacuum worker busy on the database's churned tables) is waited out:
 * the drop is retried for a few seconds before the error is passed on.
 */
export async function dropTestDatabase(adminUrl: string, name: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const c = new pg.Client({ connectionString: adminUrl })
    c.on('error', () => {})
    await c.connect()
    try {
      await c.query(`drop database if exists ${name} with (force)`)
      return
    } catch (e) {
      if (attempt >= 40) throw e
    } finally {
      await c.end()
    }
    await new Promise((r) => setTimeout(r, 250))
  }
}
