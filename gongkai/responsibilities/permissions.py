from gongkai.accounts.permissions import has_perm


def can_manage(user) -> bool:
    return has_perm(user, "responsibilities.manage")
