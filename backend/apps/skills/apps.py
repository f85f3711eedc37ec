from django.apps import AppConfig


class SkillsConfig(AppConfig):
    name = "apps.skills"
    verbose_name = "Skills"
