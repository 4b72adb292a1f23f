"""The listing fields kept in English and Spanish (django-modeltranslation).

Each field named here gets a column per language (`description_en`,
`description_es`); the original name reads the English text. Which text the
public sees, and in which language, is shelters.i18n's business; which of these
columns are public, and what they may not say, is shelters.privacy's."""

from modeltranslation.translator import TranslationOptions, register

from shelters.models import (
    Hotline,
    HotlineChannel,
    MedicalService,
    MedicalServicePhone,
    Shelter,
    ShelterPhone,
)


@register(Shelter)
class ShelterText(TranslationOptions):
    fields = ("description",)


@register(MedicalService)
class MedicalServiceText(TranslationOptions):
    fields = ("description", "accessibility_notes")


@register(Hotline)
class HotlineText(TranslationOptions):
    fields = ("description",)


@register([ShelterPhone, MedicalServicePhone])
class PhoneText(TranslationOptions):
    fields = ("hours",)


@register(HotlineChannel)
class ChannelText(TranslationOptions):
    fields = ("notes",)


def translated_fields(model) -> tuple[str, ...]:
    """The fields of `model` kept in each language (none for other models)."""
    from modeltranslation.translator import NotRegistered, translator

    try:
        return tuple(translator.get_options_for_model(model).fields)
    except NotRegistered:
        return ()


def _keep_translations_in_history() -> None:
    """Give each historical model (django-simple-history) the language columns too.

    History models are built when their model class is, before modeltranslation
    adds the columns; without this, saving a listing would hand its historical
    model fields it lacks, and a revert could not bring back a Spanish text."""
    from django.utils.module_loading import import_string
    from modeltranslation.fields import TranslationField
    from modeltranslation.translator import translator

    for model in translator.get_registered_models():
        history = getattr(model, "history", None)
        if history is None:
            continue
        historical = history.model
        present = {field.name for field in historical._meta.fields}
        for field in model._meta.fields:
            if isinstance(field, TranslationField) and field.name not in present:
                _name, path, args, kwargs = field.deconstruct()
                historical.add_to_class(field.name, import_string(path)(*args, **kwargs))


_keep_translations_in_history()
