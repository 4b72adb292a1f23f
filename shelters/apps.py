from django.apps import AppConfig


class SheltersConfig(AppConfig):
    name = "shelters"
    verbose_name = "Shelter directory"

    def ready(self) -> None:
        from shelters import signals

        signals.connect()
