import os

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
django.setup(set_prefix=False)

# Django's WSGI handler, with URL resolution kept per process (issue 19 item 1).
from gongkai.core.handlers import WSGIHandlerWithResolutionCache  # noqa: E402

application = WSGIHandlerWithResolutionCache()

# Load jieba's dictionary once before gunicorn forks its workers (--preload), not per request.
from gongkai.search.segment import warm  # noqa: E402

warm()

# The release's fingerprint, which keys the page cache (gongkai.core.release), once before the fork too.
from gongkai.core.release import fingerprint  # noqa: E402

fingerprint()

# Start-up objects out of the garbage collector's sight before gunicorn forks (issue 19 item 1).
from gongkai.core.handlers import freeze_start_up_objects  # noqa: E402

freeze_start_up_objects()
