# Safety guidance (issue 14): the model, its change history, and the first
# national set in English and Spanish (shelters.guidance_first_set).

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models


def add_first_set(apps, schema_editor):
    from shelters.guidance_first_set import STEPS, REVIEWED_BY, REVIEWED_ON

    Guidance = apps.get_model("shelters", "Guidance")
    for topic, order, language, title, body in STEPS:
        Guidance.objects.get_or_create(
            topic=topic, order=order, state="", language=language,
            defaults={"title": title, "body": body, "reviewed_on": REVIEWED_ON,
                      "reviewed_by": REVIEWED_BY},
        )


def remove_first_set(apps, schema_editor):
    apps.get_model("shelters", "Guidance").objects.filter(state="").delete()


class Migration(migrations.Migration):

    dependencies = [
        ('shelters', '0019_staff_notes_and_hotline_staff'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='Guidance',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('topic', models.CharField(choices=[('immediate_danger', 'If you are in danger now'), ('police', 'Calling the police'), ('medical', 'Medical care'), ('find_shelter', 'Finding a safe place'), ('your_privacy', 'Your privacy')], max_length=32)),
                ('order', models.PositiveSmallIntegerField(default=1, help_text='Position within its topic, from 1.')),
                ('title', models.CharField(max_length=120)),
                ('body', models.TextField(help_text='A few short sentences in plain, calm language.', max_length=600)),
                ('state', models.CharField(blank=True, choices=[('AL', 'Alabama'), ('AK', 'Alaska'), ('AZ', 'Arizona'), ('AR', 'Arkansas'), ('CA', 'California'), ('CO', 'Colorado'), ('CT', 'Connecticut'), ('DE', 'Delaware'), ('DC', 'District of Columbia'), ('FL', 'Florida'), ('GA', 'Georgia'), ('HI', 'Hawaii'), ('ID', 'Idaho'), ('IL', 'Illinois'), ('IN', 'Indiana'), ('IA', 'Iowa'), ('KS', 'Kansas'), ('KY', 'Kentucky'), ('LA', 'Louisiana'), ('ME', 'Maine'), ('MD', 'Maryland'), ('MA', 'Massachusetts'), ('MI', 'Michigan'), ('MN', 'Minnesota'), ('MS', 'Mississippi'), ('MO', 'Missouri'), ('MT', 'Montana'), ('NE', 'Nebraska'), ('NV', 'Nevada'), ('NH', 'New Hampshire'), ('NJ', 'New Jersey'), ('NM', 'New Mexico'), ('NY', 'New York'), ('NC', 'North Carolina'), ('ND', 'North Dakota'), ('OH', 'Ohio'), ('OK', 'Oklahoma'), ('OR', 'Oregon'), ('PA', 'Pennsylvania'), ('RI', 'Rhode Island'), ('SC', 'South Carolina'), ('SD', 'South Dakota'), ('TN', 'Tennessee'), ('TX', 'Texas'), ('UT', 'Utah'), ('VT', 'Vermont'), ('VA', 'Virginia'), ('WA', 'Washington'), ('WV', 'West Virginia'), ('WI', 'Wisconsin'), ('WY', 'Wyoming'), ('AS', 'American Samoa'), ('GU', 'Guam'), ('MP', 'Northern Mariana Islands'), ('PR', 'Puerto Rico'), ('VI', 'U.S. Virgin Islands')], help_text='Blank for national guidance. A state step with the topic and order of a national one replaces it in that state; otherwise it is added.', max_length=2)),
                ('language', models.CharField(choices=[('en', 'English'), ('es', 'Español')], default='en', max_length=2)),
                ('reviewed_on', models.DateField(help_text='When the text was last checked to be right.')),
                ('reviewed_by', models.CharField(help_text='Who checked it.', max_length=200)),
            ],
            options={
                'verbose_name_plural': 'guidance',
                'constraints': [models.UniqueConstraint(fields=('topic', 'order', 'state', 'language'), name='guidance_step_unique')],
            },
        ),
        migrations.CreateModel(
            name='HistoricalGuidance',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('topic', models.CharField(choices=[('immediate_danger', 'If you are in danger now'), ('police', 'Calling the police'), ('medical', 'Medical care'), ('find_shelter', 'Finding a safe place'), ('your_privacy', 'Your privacy')], max_length=32)),
                ('order', models.PositiveSmallIntegerField(default=1, help_text='Position within its topic, from 1.')),
                ('title', models.CharField(max_length=120)),
                ('body', models.TextField(help_text='A few short sentences in plain, calm language.', max_length=600)),
                ('state', models.CharField(blank=True, choices=[('AL', 'Alabama'), ('AK', 'Alaska'), ('AZ', 'Arizona'), ('AR', 'Arkansas'), ('CA', 'California'), ('CO', 'Colorado'), ('CT', 'Connecticut'), ('DE', 'Delaware'), ('DC', 'District of Columbia'), ('FL', 'Florida'), ('GA', 'Georgia'), ('HI', 'Hawaii'), ('ID', 'Idaho'), ('IL', 'Illinois'), ('IN', 'Indiana'), ('IA', 'Iowa'), ('KS', 'Kansas'), ('KY', 'Kentucky'), ('LA', 'Louisiana'), ('ME', 'Maine'), ('MD', 'Maryland'), ('MA', 'Massachusetts'), ('MI', 'Michigan'), ('MN', 'Minnesota'), ('MS', 'Mississippi'), ('MO', 'Missouri'), ('MT', 'Montana'), ('NE', 'Nebraska'), ('NV', 'Nevada'), ('NH', 'New Hampshire'), ('NJ', 'New Jersey'), ('NM', 'New Mexico'), ('NY', 'New York'), ('NC', 'North Carolina'), ('ND', 'North Dakota'), ('OH', 'Ohio'), ('OK', 'Oklahoma'), ('OR', 'Oregon'), ('PA', 'Pennsylvania'), ('RI', 'Rhode Island'), ('SC', 'South Carolina'), ('SD', 'South Dakota'), ('TN', 'Tennessee'), ('TX', 'Texas'), ('UT', 'Utah'), ('VT', 'Vermont'), ('VA', 'Virginia'), ('WA', 'Washington'), ('WV', 'West Virginia'), ('WI', 'Wisconsin'), ('WY', 'Wyoming'), ('AS', 'American Samoa'), ('GU', 'Guam'), ('MP', 'Northern Mariana Islands'), ('PR', 'Puerto Rico'), ('VI', 'U.S. Virgin Islands')], help_text='Blank for national guidance. A state step with the topic and order of a national one replaces it in that state; otherwise it is added.', max_length=2)),
                ('language', models.CharField(choices=[('en', 'English'), ('es', 'Español')], default='en', max_length=2)),
                ('reviewed_on', models.DateField(help_text='When the text was last checked to be right.')),
                ('reviewed_by', models.CharField(help_text='Who checked it.', max_length=200)),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'historical guidance',
                'verbose_name_plural': 'historical guidance',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.RunPython(add_first_set, remove_first_set),
    ]
