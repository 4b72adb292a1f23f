# Listing text in English and Spanish (issue 14, django-modeltranslation): a column
# per language, in change history too; the English one starts as a copy of the text
# stored so far.

from django.db import migrations, models
from django.db.models import F

COPIED = {
    "shelter": ["description"],
    "medicalservice": ["description", "accessibility_notes"],
    "hotline": ["description"],
    "shelterphone": ["hours"],
    "medicalservicephone": ["hours"],
    "hotlinechannel": ["notes"],
}


def copy_english(apps, schema_editor):
    for model_name, fields in COPIED.items():
        model = apps.get_model("shelters", model_name)
        model.objects.update(**{f"{name}_en": F(name) for name in fields})


class Migration(migrations.Migration):

    dependencies = [
        ('shelters', '0020_guidance'),
    ]

    operations = [
        migrations.AddField(
            model_name='hotline',
            name='description_en',
            field=models.TextField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name='hotline',
            name='description_es',
            field=models.TextField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name='hotlinechannel',
            name='notes_en',
            field=models.CharField(blank=True, max_length=300, null=True),
        ),
        migrations.AddField(
            model_name='hotlinechannel',
            name='notes_es',
            field=models.CharField(blank=True, max_length=300, null=True),
        ),
        migrations.AddField(
            model_name='medicalservice',
            name='accessibility_notes_en',
            field=models.CharField(blank=True, max_length=300, null=True),
        ),
        migrations.AddField(
            model_name='medicalservice',
            name='accessibility_notes_es',
            field=models.CharField(blank=True, max_length=300, null=True),
        ),
        migrations.AddField(
            model_name='medicalservice',
            name='description_en',
            field=models.TextField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name='medicalservice',
            name='description_es',
            field=models.TextField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name='medicalservicephone',
            name='hours_en',
            field=models.CharField(blank=True, help_text='When it is answered, e.g. "Mon-Fri 9am-5pm".', max_length=200, null=True),
        ),
        migrations.AddField(
            model_name='medicalservicephone',
            name='hours_es',
            field=models.CharField(blank=True, help_text='When it is answered, e.g. "Mon-Fri 9am-5pm".', max_length=200, null=True),
        ),
        migrations.AddField(
            model_name='shelter',
            name='description_en',
            field=models.TextField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name='shelter',
            name='description_es',
            field=models.TextField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name='shelterphone',
            name='hours_en',
            field=models.CharField(blank=True, help_text='When it is answered, e.g. "Mon-Fri 9am-5pm".', max_length=200, null=True),
        ),
        migrations.AddField(
            model_name='shelterphone',
            name='hours_es',
            field=models.CharField(blank=True, help_text='When it is answered, e.g. "Mon-Fri 9am-5pm".', max_length=200, null=True),
        ),
        migrations.AddField(
            model_name='historicalhotline',
            name='description_en',
            field=models.TextField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name='historicalhotline',
            name='description_es',
            field=models.TextField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name='historicalhotlinechannel',
            name='notes_en',
            field=models.CharField(blank=True, max_length=300, null=True),
        ),
        migrations.AddField(
            model_name='historicalhotlinechannel',
            name='notes_es',
            field=models.CharField(blank=True, max_length=300, null=True),
        ),
        migrations.AddField(
            model_name='historicalmedicalservice',
            name='accessibility_notes_en',
            field=models.CharField(blank=True, max_length=300, null=True),
        ),
        migrations.AddField(
            model_name='historicalmedicalservice',
            name='accessibility_notes_es',
            field=models.CharField(blank=True, max_length=300, null=True),
        ),
        migrations.AddField(
            model_name='historicalmedicalservice',
            name='description_en',
            field=models.TextField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name='historicalmedicalservice',
            name='description_es',
            field=models.TextField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name='historicalmedicalservicephone',
            name='hours_en',
            field=models.CharField(blank=True, help_text='When it is answered, e.g. "Mon-Fri 9am-5pm".', max_length=200, null=True),
        ),
        migrations.AddField(
            model_name='historicalmedicalservicephone',
            name='hours_es',
            field=models.CharField(blank=True, help_text='When it is answered, e.g. "Mon-Fri 9am-5pm".', max_length=200, null=True),
        ),
        migrations.AddField(
            model_name='historicalshelter',
            name='description_en',
            field=models.TextField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name='historicalshelter',
            name='description_es',
            field=models.TextField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name='historicalshelterphone',
            name='hours_en',
            field=models.CharField(blank=True, help_text='When it is answered, e.g. "Mon-Fri 9am-5pm".', max_length=200, null=True),
        ),
        migrations.AddField(
            model_name='historicalshelterphone',
            name='hours_es',
            field=models.CharField(blank=True, help_text='When it is answered, e.g. "Mon-Fri 9am-5pm".', max_length=200, null=True),
        ),
        migrations.RunPython(copy_english, migrations.RunPython.noop),
    ]
