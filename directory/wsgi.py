import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "directory.settings")

application = get_wsgi_application()

# Build the ZIP gazetteer now, so that no one's first search waits a second for it.
from shelters.gazetteer import warm_up  # noqa: E402

warm_up()

# Import every view now (the URL conf is otherwise loaded by the first request), then
# move everything loaded so far out of the garbage collector's reach: Django, the
# libraries and our modules live as long as the worker, and a full collection that
# walked them all paused a request for 30-150 ms every few hundred requests.
import gc  # noqa: E402

from django.urls import get_resolver  # noqa: E402

get_resolver().url_patterns  # noqa: B018
gc.freeze()
