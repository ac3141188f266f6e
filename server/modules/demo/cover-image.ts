import { deflateSync } from 'node:zlib'

const CRC_TABLE = (() => {
  const t = new Uint32Array(256)
  for (let n = 0; n < 256; n++) {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    t[n] = c >>> 0
  }
  return t
})()

function crc32(buf: Buffer): number {
  let c = 0xffffffff
  for (const b of buf) c = (CRC_TABLE[(c ^ b) & 0xff] ?? 0) ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4)
  len.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([len, body, crc])
}

/**
 * A landscape-like PNG for demo picture news (sky, hills, fields), drawn from a palette so the
 * demo home page has real images without shipping any.
 */
export function demoCoverPng(variant: number, width = 640, height = 400): Buffer {
  const palettes: [number, number, number][][] = [
    [
      [120, 170, 220],
      [70, 130, 80],
      [200, 180, 90],
    ],
    [
      [240, 190, 140],
      [90, 120, 70],
      [150, 110, 70],
    ],
    [
      [150, 200, 230],
      [60, 110, 150],
      [110, 160, 90],
    ],
    [
      [200, 220, 240],
      [130, 90, 80],
      [170, 150, 110],
    ],
    [
      [110, 150, 200],
      [50, 90, 60],
      [220, 200, 120],
    ],
  ]
  const [sky, hill, field] = palettes[variant % palettes.length] as [number, number, number][]
  const raw = Buffer.alloc((width * 3 + 1) * height)
  const phase = variant * 1.7
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1)
    raw[row] = 0
    for (let x = 0; x < width; x++) {
      const hillLine =
        height * (0.45 + 0.08 * Math.sin(x / 70 + phase) + 0.04 * Math.sin(x / 23 + phase * 2))
      const fieldLine = height * (0.7 + 0.03 * Math.sin(x / 110 + phase))
      const base = y < hillLine ? sky : y < fieldLine ? hill : field
      const shade = y < hillLine ? 1 - (y / height) * 0.35 : 1 - ((y - hillLine) / height) * 0.5
      const stripe = y >= fieldLine && Math.floor((x + y * 2) / 18) % 2 === 0 ? 0.9 : 1
      const i = row + 1 + x * 3
      raw[i] = Math.min(255, Math.round((base?.[0] ?? 0) * shade * stripe))
      raw[i + 1] = Math.min(255, Math.round((base?.[1] ?? 0) * shade * stripe))
      raw[i + 2] = Math.min(255, Math.round((base?.[2] ?? 0) * shade * stripe))
    }
  }
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(width, 0)
  ihdr.writeUInt32BE(height, 4)
  ihdr[8] = 8
  ihdr[9] = 2
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ])
}
