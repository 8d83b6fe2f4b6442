import os

from django.conf import settings
from django.core.asgi import get_asgi_application
from django.core.exceptions import ImproperlyConfigured

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
application = get_asgi_application()

if not os.environ.get("SECRET_KEY") and not settings.DEBUG:
    raise ImproperlyConfigured("SECRET_KEY must be set in the environment when DEBUG is off.")
