import { createHash, randomUUID } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'

/** Content-addressed files on disk: `<dataDir>/files/ab/cd/<sha256>`. */
export class FileStore {
  readonly root: string

  constructor(dataDir: string) {
    this.root = path.join(dataDir, 'files')
  }

  pathOf(sha256: string): string {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error('invalid sha256')
    return path.join(this.root, sha256.slice(0, 2), sha256.slice(2, 4), sha256)
  }

  /** Writes bytes durably (temp file, fsync, rename) and returns their sha256. */
  async put(bytes: Buffer): Promise<string> {
    const sha = createHash('sha256').update(bytes).digest('hex')
    const target = this.pathOf(sha)
    if (fs.existsSync(target)) return sha
    await fs.promises.mkdir(path.dirname(target), { recursive: true })
    const tmp = path.join(path.dirname(target), `.${randomUUID()}.tmp`)
    const fh = await fs.promises.open(tmp, 'w')
    try {
      await fh.writeFile(bytes)
      await fh.sync()
    } finally {
      await fh.close()
    }
    await fs.promises.rename(tmp, target)
    return sha
  }

  exists(sha256: string): boolean {
    return fs.existsSync(this.pathOf(sha256))
  }

  read(sha256: string): Promise<Buffer> {
    return fs.promises.readFile(this.pathOf(sha256))
  }

  stream(sha256: string): fs.ReadStream {
    return fs.createReadStream(this.pathOf(sha256))
  }
}
