from django.apps import AppConfig


class SheltersConfig(AppConfig):
    name = "shelters"
    verbose_name = "Shelter directory"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from shelters import roles, signals

        signals.connect()
        post_migrate.connect(roles.ensure_groups, sender=self, dispatch_uid="shelters-roles")
