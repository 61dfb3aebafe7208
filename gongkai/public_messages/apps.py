from django.apps import AppConfig


class PublicMessagesConfig(AppConfig):
    name = "gongkai.public_messages"
    label = "public_messages"
    verbose_name = "留言"
