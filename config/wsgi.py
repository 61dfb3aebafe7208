import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
application = get_wsgi_application()

# Load jieba's dictionary once before gunicorn forks its workers (--preload), not per request.
from gongkai.search.segment import warm  # noqa: E402

warm()
