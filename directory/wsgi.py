import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "directory.settings")

application = get_wsgi_application()

# Build the ZIP gazetteer now, so that no one's first search waits a second for it.
from shelters.gazetteer import warm_up  # noqa: E402

warm_up()
