from django.contrib.auth.password_validation import MinimumLengthValidator
from django.core.exceptions import ValidationError


class ChineseMinimumLengthValidator(MinimumLengthValidator):
    """Django's zh-Hans catalogue lacks the plural form of this message; say it in Chinese ourselves."""

    def validate(self, password, user=None):
        if len(password) < self.min_length:
            raise ValidationError(f"密码太短，至少需要 {self.min_length} 个字符。", code="password_too_short")

    def get_help_text(self):
        return f"密码至少需要 {self.min_length} 个字符。"
