/** Chinese labels of the audit log's action codes, shared by the admin and the xlsx export. */
export const AUDIT_ACTION_LABELS: Record<string, string> = {
  'auth.login': '登录',
  'auth.login_failed': '登录失败',
  'auth.locked': '账号锁定',
  'auth.logout': '退出登录',
  'user.create': '新建用户',
  'user.update': '修改用户',
  'user.disable': '停用用户',
  'user.enable_or_update': '启用用户',
  'user.reset_password': '重置密码',
  'user.change_password': '修改密码',
  'user.grants': '分配角色',
  'user.import': '导入用户',
  'site.create': '新建站点',
  'site.update': '修改站点',
  'site.open': '开通站点',
  'site.close': '关停站点',
  'site.archive': '归档站点',
  'column.create': '新建栏目',
  'column.update': '修改栏目',
  'column.move': '移动栏目',
  'column.reorder': '栏目排序',
  'column.delete': '删除栏目',
  'article.create': '新建信息',
  'article.create_publish': '新建并发布信息',
  'article.update': '修改信息',
  'article.publish': '发布信息',
  'article.unpublish': '撤销发布',
  'article.delete': '删除信息',
  'article.import': '导入信息',
  'article.seed': '生成示例信息',
  'file.upload': '上传文件',
  'template.save': '保存模板',
  'template.reset': '恢复默认模板',
  seed: '初始化示例数据',
}

/** Groups offered as an action-prefix filter (`article.` matches every article action). */
export const AUDIT_ACTION_GROUPS: Record<string, string> = {
  'auth.': '登录与退出',
  'user.': '用户与角色',
  'site.': '站点',
  'column.': '栏目',
  'article.': '信息',
  'file.': '文件',
  'template.': '模板',
}

export const AUDIT_ENTITY_LABELS: Record<string, string> = {
  user: '用户',
  site: '站点',
  column: '栏目',
  article: '信息',
  file: '文件',
  template: '模板',
}

/** The Chinese label of an action, or the code itself when it has none yet. */
export function auditActionLabel(action: string): string {
  return AUDIT_ACTION_LABELS[action] ?? action
}
