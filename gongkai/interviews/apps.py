from django.apps import AppConfig


class InterviewsConfig(AppConfig):
    name = "gongkai.interviews"
    label = "interviews"
    verbose_name = "在线访谈"
