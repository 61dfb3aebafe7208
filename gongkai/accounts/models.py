from django.contrib.auth.models import AbstractUser
from django.db import models

from gongkai.core.models import Agency

from .roles import Role


class Department(models.Model):
    """处室 of an agency."""

    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="departments", verbose_name="机关"
    )
    name = models.CharField("处室名称", max_length=60)
    code = models.SlugField("代码", max_length=40)
    duties = models.TextField("职责", blank=True)
    sort_order = models.PositiveSmallIntegerField("排序", default=0)
    is_active = models.BooleanField("启用", default=True)

    class Meta:
        verbose_name = "处室"
        verbose_name_plural = "处室"
        ordering = ["agency_id", "sort_order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "code"], name="department_code_unique_per_agency"),
            models.UniqueConstraint(fields=["agency", "name"], name="department_name_unique_per_agency"),
        ]

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    """A member of staff. The public never needs an account to read."""

    agency = models.ForeignKey(
        Agency, null=True, blank=True, on_delete=models.PROTECT, related_name="staff", verbose_name="机关"
    )
    department = models.ForeignKey(
        Department, null=True, blank=True, on_delete=models.PROTECT, related_name="staff", verbose_name="处室"
    )
    full_name = models.CharField("姓名", max_length=60, blank=True)
    phone = models.CharField("电话", max_length=30, blank=True)

    class Meta:
        verbose_name = "工作人员"
        verbose_name_plural = "工作人员"
        ordering = ["id"]

    def __str__(self) -> str:
        return self.full_name or self.username

    def get_full_name(self) -> str:
        return self.full_name or super().get_full_name()

    @property
    def roles(self) -> frozenset[Role]:
        if not hasattr(self, "_roles_cache"):
            self._roles_cache = frozenset(
                Role(r) for r in self.role_assignments.values_list("role", flat=True)
            )
        return self._roles_cache


class RoleAssignment(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_assignments")
    role = models.CharField("角色", max_length=40, choices=Role.choices)

    class Meta:
        verbose_name = "角色分配"
        verbose_name_plural = "角色分配"
        constraints = [models.UniqueConstraint(fields=["user", "role"], name="role_assignment_unique")]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()}"


class ApiToken(models.Model):
    """A staff member's bearer token for the /api/v1/ staff endpoints (`accounts.api_auth.TokenAuth`).
    Only its SHA-256 is stored; the token itself is shown once when issued (ADR 0010, ADR 0033)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    label = models.CharField("用途", max_length=60)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "API 令牌"
        verbose_name_plural = "API 令牌"

    def __str__(self) -> str:
        return f"{self.user} · {self.label}"
