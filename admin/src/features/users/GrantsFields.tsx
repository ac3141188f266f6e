import type { Role } from '../../../../common/permissions'
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons'
import { Button, Checkbox, Col, Form, Row, Select, TreeSelect } from 'antd'
import { CLUSTER_ADMIN_LABEL, ROLE_LABELS, ROLES } from '../../../../common/permissions'
import { siteTree } from '../../shell/AppLayout'
import type { AdminSite } from '../../shell/session'

export interface GrantRow {
  siteId?: number
  role?: Role
}

/** Form values of the grants editor: site-scoped rows plus the cluster-wide 平台管理员 switch. */
export interface GrantsValues {
  grants?: GrantRow[]
  clusterAdmin?: boolean
}

export function toGrants(v: GrantsValues): { siteId: number | null; role: Role }[] {
  const rows = (v.grants ?? [])
    .filter((g): g is Required<GrantRow> => Boolean(g.siteId && g.role))
    .map((g) => ({ siteId: g.siteId, role: g.role }))
  return v.clusterAdmin ? [{ siteId: null, role: 'admin' }, ...rows] : rows
}

/**
 * The grants editor inside a Form: one row per site (site tree + role), and for cluster admins
 * a 平台管理员 checkbox for the cluster-wide grant. `sites` are those the actor may grant on.
 */
export function GrantsFields({
  sites,
  canGrantCluster,
}: {
  sites: AdminSite[]
  canGrantCluster: boolean
}) {
  const tree = siteTree(sites)
  return (
    <>
      {canGrantCluster && (
        <Form.Item
          name="clusterAdmin"
          valuePropName="checked"
          extra="平台管理员可管理全部站点、用户和站点结构"
        >
          <Checkbox>{CLUSTER_ADMIN_LABEL}（全平台）</Checkbox>
        </Form.Item>
      )}
      <Form.List name="grants">
        {(items, { add, remove }, { errors }) => (
          <>
            {items.map(({ key, name }) => (
              <Row gutter={8} key={key} align="top">
                <Col flex="auto">
                  <Form.Item
                    label="站点"
                    name={[name, 'siteId']}
                    rules={[{ required: true, message: '请选择站点' }]}
                  >
                    <TreeSelect
                      showSearch
                      treeNodeFilterProp="title"
                      placeholder="选择站点"
                      treeData={tree}
                      treeDefaultExpandAll={sites.length < 80}
                    />
                  </Form.Item>
                </Col>
                <Col flex="150px">
                  <Form.Item
                    label="角色"
                    name={[name, 'role']}
                    rules={[{ required: true, message: '请选择角色' }]}
                  >
                    <Select options={ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))} />
                  </Form.Item>
                </Col>
                <Col flex="40px">
                  <Form.Item label=" " colon={false}>
                    <Button
                      type="text"
                      danger
                      icon={<MinusCircleOutlined />}
                      aria-label={`删除第 ${name + 1} 个站点角色`}
                      onClick={() => remove(name)}
                    />
                  </Form.Item>
                </Col>
              </Row>
            ))}
            <div role="alert">
              <Form.ErrorList errors={errors} />
            </div>
            <Button
              type="dashed"
              block
              icon={<PlusOutlined />}
              onClick={() => add({ role: 'editor' })}
              style={{ marginBottom: 16 }}
            >
              添加站点角色
            </Button>
          </>
        )}
      </Form.List>
    </>
  )
}
