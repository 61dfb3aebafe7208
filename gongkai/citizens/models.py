"""A citizen's optional account across every agency of the platform (统一身份认证, issue 18 item 5).

Nobody needs one: every public form and secret link works without it. A citizen who signs in with a
one-time code sent to an e-mail address or a mobile number sees, in one page, everything filed with
that verified address or number on the platform. Entirely apart from staff accounts (accounts.User):
a citizen session never authenticates a Django user (ADR 0040). Codes are stored only as keyed
hashes, expire, and allow a few tries.
"""

from django.db import models


class Citizen(models.Model):
    email = models.EmailField("已验证的电子邮箱", null=True, blank=True, unique=True)
    mobile = models.CharField("已验证的手机号码", max_length=11, null=True, blank=True, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_sign_in_at = models.DateTimeField("最近登录", null=True, blank=True)

    class Meta:
        verbose_name = "公众账号"
        verbose_name_plural = "公众账号"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(email__isnull=False) | models.Q(mobile__isnull=False),
                name="citizen_has_an_identifier",
            )
        ]

    def __str__(self) -> str:
        return self.masked

    @property
    def masked(self) -> str:
        if self.email:
            name, _, domain = self.email.partition("@")
            return f"{name[:2]}***@{domain}"
        return f"{self.mobile[:3]}****{self.mobile[-4:]}"


class SignInCode(models.Model):
    class Kind(models.TextChoices):
        EMAIL = "email", "电子邮箱"
        MOBILE = "mobile", "手机号码"

    kind = models.CharField(max_length=10, choices=Kind.choices)
    identifier_hash = models.CharField(max_length=40, db_index=True)
    code_hash = models.CharField(max_length=40)
    ip_hash = models.CharField(max_length=40, blank=True)
    created_at = models.DateTimeField(db_index=True)
    expires_at = models.DateTimeField()
    attempts = models.PositiveSmallIntegerField(default=0)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.kind}:{self.identifier_hash[:8]}"
