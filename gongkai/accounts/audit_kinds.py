"""Audit kinds recorded by accounts (see core/event_kinds.py)."""

from gongkai.core.event_kinds import register, register_group

register_group("auth", "登录")
register_group("user", "用户")
register_group("department", "处室")
register_group("site_settings", "网站设置")
register_group("api_token", "API 令牌")
register(
    {
        "auth.login": "登录成功",
        "auth.logout": "退出登录",
        "auth.login_failed": "登录失败",
        "user.created": "新建用户",
        "user.updated": "修改用户",
        "user.password_changed": "修改密码",
        "user.password_reset": "重置密码",
        "department.created": "新建处室",
        "department.updated": "修改处室",
        "site_settings.updated": "修改网站设置",
        "api_token.issued": "签发接口令牌",
        "api_token.revoked": "吊销接口令牌",
    }
)
register(
    {
        "accounts.platform_admin_granted": "授予平台管理员",
        "accounts.platform_admin_revoked": "撤销平台管理员",
    }
)
