import { describe, expect, it } from 'vitest'
import type { DatasetView } from './dataset-api'
import { datasetInput, datasetValues, rowInput, rowQuery } from './dataset-form'

describe('dataset definition form', () => {
  it('starts a new dataset with a required name field, cluster-wide for cluster admins', () => {
    const v = datasetValues(null, true)
    expect(v.scope).toBe('cluster')
    expect(v.fields[0]).toMatchObject({ key: 'name', label: '名称', isRequired: true })
    expect(datasetValues(null, false).scope).toBe('site')
  })

  it('sends the scope as siteId on create only, trimming and dropping options of non-choices', () => {
    const v = datasetValues(null, true)
    v.code = ' yljg '
    v.fields.push({ ...v.fields[0]!, key: 'kind', label: ' 类别 ', type: 'text', options: ['x'] })
    const input = datasetInput(v, 7)
    expect(input.siteId).toBeNull()
    expect(input.code).toBe('yljg')
    expect(input.fields[1]).toMatchObject({ label: '类别', options: [] })
    expect(datasetInput({ ...v, scope: 'site' }, 7).siteId).toBe(7)
    expect('siteId' in datasetInput(v)).toBe(false)
  })

  it('round-trips an existing dataset', () => {
    const ds = {
      siteId: 3,
      code: 'a',
      name: 'A',
      description: '',
      ownerUnit: '',
      fields: [],
      orderField: '',
      orderDesc: false,
      sort: 0,
      isPublic: false,
    } as unknown as DatasetView
    expect(datasetInput(datasetValues(ds, true))).toMatchObject({ code: 'a', isPublic: false })
  })

  it('prepares row values and list filters', () => {
    const fields = datasetValues(null, true).fields
    expect(rowInput(fields, { name: 12 })).toEqual({ name: '12' })
    expect(rowInput(fields, {})).toEqual({ name: null })
    expect(rowQuery({ q: ' 医院 ', kind: '', town: undefined })).toEqual({ q: '医院' })
  })
})
