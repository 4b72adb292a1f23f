from django.apps import AppConfig


class SheltersConfig(AppConfig):
    name = "shelters"
    verbose_name = "Shelter directory"

    def ready(self) -> None:
        from django.db.models.signals import pre_save

        from shelters import models
        from shelters.derived import fill_derived_fields

        # A signal rather than save(): fixtures load with raw saves that skip
        # save() but still send pre_save, and derived public fields must never
        # be missing or stale.
        for model in (models.Shelter, models.MedicalService):
            pre_save.connect(fill_derived_fields, sender=model, dispatch_uid=f"derive-{model}")

        from django.db.models.signals import post_delete, post_save

        from shelters import hotline_directory

        for model in (
            models.Hotline,
            models.HotlineArea,
            models.HotlineChannel,
            models.HotlineChannelHours,
            models.Organization,
        ):
            for signal in (post_save, post_delete):
                signal.connect(
                    hotline_directory.changed, sender=model, dispatch_uid=f"hotlines-{model}"
                )
