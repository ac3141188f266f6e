import type { FieldInput } from '../datasets/dataset.fields'
import type { Core } from '../../core'
import { systemContext } from '../users/actor'
import { AREA_CODE, COUNTY, DEPARTMENTS, mulberry32, TOWNSHIPS } from './demo-units'

/**
 * 便民数据库 of 示例县: cluster-wide datasets with generated, clearly fictional rows (area code
 * 0399 does not exist; names follow the demo county's townships and units), and a `dataset`
 * column 便民查询 under the portal's 便民信息 that lists them.
 */

type Rows = Record<string, string>[]
interface DemoDataset {
  code: string
  name: string
  description: string
  ownerUnit: string
  orderField: string
  fields: FieldInput[]
  rows: Rows
}

const tel = (random: () => number) => `${AREA_CODE}-${6200000 + Math.floor(random() * 99999)}`

function hospitals(random: () => number): Rows {
  const rows: Rows = [
    { name: `${COUNTY}人民医院`, kind: '综合医院', level: '二级甲等', town: '城关镇', beds: '620' },
    { name: `${COUNTY}中医医院`, kind: '中医医院', level: '二级甲等', town: '城关镇', beds: '380' },
    {
      name: `${COUNTY}妇幼保健院`,
      kind: '妇幼保健院',
      level: '二级乙等',
      town: '城关镇',
      beds: '120',
    },
    {
      name: '城关社区卫生服务中心',
      kind: '社区卫生服务中心',
      level: '一级',
      town: '城关镇',
      beds: '30',
    },
  ]
  for (const t of TOWNSHIPS) {
    rows.push({
      name: `${t.name}卫生院`,
      kind: '乡镇卫生院',
      level: '一级',
      town: t.name,
      beds: String(20 + Math.floor(random() * 60)),
    })
    for (const v of t.villages) {
      rows.push({
        name: `${t.name}${v.name}卫生室`,
        kind: '村卫生室',
        level: '未定级',
        town: t.name,
        beds: '0',
        address: `${t.name}${v.name}村委会旁`,
      })
    }
  }
  for (const n of ['康宁', '仁和', '安泰', '博爱']) {
    rows.push({
      name: `${COUNTY}${n}诊所`,
      kind: '诊所',
      level: '未定级',
      town: '城关镇',
      beds: '0',
      insured: '否',
    })
  }
  return rows.map((r) => ({
    address: `${r.town}${(r.name ?? '').replace(r.town ?? '', '').slice(0, 2)}路${1 + Math.floor(random() * 200)}号`,
    phone: tel(random),
    insured: '是',
    ...r,
  }))
}

function schools(random: () => number): Rows {
  const rows: Rows = [
    { name: `${COUNTY}第一中学`, stage: '高中', nature: '公办', town: '城关镇' },
    { name: `${COUNTY}职业技术学校`, stage: '中职', nature: '公办', town: '城关镇' },
    { name: `${COUNTY}实验小学`, stage: '小学', nature: '公办', town: '城关镇' },
    { name: `${COUNTY}城关初级中学`, stage: '初中', nature: '公办', town: '城关镇' },
    { name: `${COUNTY}育才学校`, stage: '九年一贯制', nature: '民办', town: '城关镇' },
    { name: `${COUNTY}机关幼儿园`, stage: '幼儿园', nature: '公办', town: '城关镇' },
  ]
  for (const t of TOWNSHIPS.filter((x) => x.name !== '城关镇')) {
    rows.push({ name: `${t.name}中心小学`, stage: '小学', nature: '公办', town: t.name })
    rows.push({ name: `${t.name}中心幼儿园`, stage: '幼儿园', nature: '公办', town: t.name })
    if (t.name.endsWith('镇'))
      rows.push({ name: `${t.name}初级中学`, stage: '初中', nature: '公办', town: t.name })
  }
  return rows.map((r) => ({
    ...r,
    students: String(
      r.stage === '幼儿园' ? 80 + Math.floor(random() * 200) : 300 + Math.floor(random() * 1500),
    ),
    phone: tel(random),
    address: `${r.town}${['学府路', '文昌街', '育英路', '新华街'][Math.floor(random() * 4)]}${1 + Math.floor(random() * 99)}号`,
  }))
}

function servicePhones(random: () => number): Rows {
  const rows: Rows = [
    { unit: `${COUNTY}政务服务中心`, matter: '综合咨询', hours: '工作日 8:30–12:00，14:00–17:30' },
    { unit: `${COUNTY}人民政府办公室`, matter: '12345 政务服务便民热线', hours: '全天' },
  ]
  for (const d of DEPARTMENTS.slice(0, 30)) {
    rows.push({
      unit: d.local,
      matter: `${d.subject || d.short}业务咨询`,
      hours: '工作日 8:30–12:00，14:00–17:30',
    })
  }
  return rows.map((r, i) => ({
    ...r,
    phone: i === 1 ? '12345' : tel(random),
    address: `${COUNTY}城关镇政务服务中心${1 + (i % 3)}楼${String(1 + i).padStart(2, '0')}号窗口`,
  }))
}

const text = (key: string, label: string, extra: Partial<FieldInput> = {}): FieldInput => ({
  key,
  label,
  type: 'text',
  isSearchable: true,
  ...extra,
})
const towns = TOWNSHIPS.map((t) => t.name)

export function demoDatasets(seed = 20261125): DemoDataset[] {
  const random = mulberry32(seed)
  return [
    {
      code: 'yljg',
      name: '医疗机构名录',
      description: `${COUNTY}医疗卫生机构的名称、类别、地址和联系电话（演示数据，虚构）。`,
      ownerUnit: `${COUNTY}卫生健康局`,
      orderField: 'name',
      fields: [
        text('name', '机构名称', { isRequired: true }),
        {
          key: 'kind',
          label: '机构类别',
          type: 'choice',
          options: [
            '综合医院',
            '中医医院',
            '妇幼保健院',
            '社区卫生服务中心',
            '乡镇卫生院',
            '村卫生室',
            '诊所',
          ],
          isFilterable: true,
        },
        {
          key: 'level',
          label: '医院等级',
          type: 'choice',
          options: ['二级甲等', '二级乙等', '一级', '未定级'],
          isFilterable: true,
          isInList: false,
        },
        { key: 'town', label: '所在乡镇', type: 'choice', options: towns, isFilterable: true },
        text('address', '地址'),
        { key: 'beds', label: '床位数', type: 'number', isInList: false },
        {
          key: 'insured',
          label: '医保定点',
          type: 'choice',
          options: ['是', '否'],
          isFilterable: true,
        },
        { key: 'phone', label: '联系电话', type: 'phone', isSearchable: true },
      ],
      rows: hospitals(random),
    },
    {
      code: 'xxml',
      name: '学校名录',
      description: `${COUNTY}各级各类学校（演示数据，虚构）。`,
      ownerUnit: `${COUNTY}教育局`,
      orderField: 'name',
      fields: [
        text('name', '学校名称', { isRequired: true }),
        {
          key: 'stage',
          label: '学段',
          type: 'choice',
          options: ['幼儿园', '小学', '初中', '九年一贯制', '高中', '中职'],
          isFilterable: true,
        },
        {
          key: 'nature',
          label: '办学性质',
          type: 'choice',
          options: ['公办', '民办'],
          isFilterable: true,
        },
        { key: 'town', label: '所在乡镇', type: 'choice', options: towns, isFilterable: true },
        text('address', '地址'),
        { key: 'students', label: '在校学生数', type: 'number', isInList: false },
        { key: 'phone', label: '招生咨询电话', type: 'phone' },
      ],
      rows: schools(random),
    },
    {
      code: 'bsdh',
      name: '办事电话',
      description: '县直部门和服务窗口的咨询电话（演示数据，虚构；12345 为政务服务便民热线）。',
      ownerUnit: `${COUNTY}政务服务中心`,
      orderField: '',
      fields: [
        text('unit', '单位', { isRequired: true }),
        text('matter', '咨询事项'),
        { key: 'phone', label: '电话', type: 'phone', isSearchable: true, isRequired: true },
        text('address', '办公地点', { isInList: false }),
        text('hours', '办公时间', { isSearchable: false }),
      ],
      rows: servicePhones(random),
    },
  ]
}

/** Creates the demo datasets and the portal's 便民查询 column; skips what already exists. */
export async function seedDemoDatasets(core: Core, portalId: number | undefined): Promise<void> {
  const ctx = systemContext('seed')
  for (const d of demoDatasets()) {
    const ds = await core.datasets.create(ctx, {
      siteId: null,
      code: d.code,
      name: d.name,
      description: d.description,
      ownerUnit: d.ownerUnit,
      fields: d.fields,
      orderField: d.orderField,
    })
    await core.datasetRows.addMany(ctx, ds.id, d.rows)
  }
  if (portalId === undefined) return
  const columns = await core.columns.listBySite(ctx, portalId)
  const parent = columns.find((c) => c.name === '便民信息')
  await core.columns.create(ctx, portalId, {
    name: '便民查询',
    slug: 'bmcx',
    type: 'dataset',
    updateClass: 'asNeeded',
    parentId: parent?.id ?? null,
    description: '医疗机构、学校、办事电话等便民信息查询',
  })
}
