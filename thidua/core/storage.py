"""Where private uploads live: never under MEDIA_ROOT, never served by a URL.

Import workbooks hold names, dates of birth and ID numbers. MEDIA_ROOT is served publicly (by the
development server, and by the reverse proxy in most deployments), so private files go to the
"private" storage configured in settings: a folder outside MEDIA_ROOT, or a private S3 prefix.
Code reads them through the storage API only.
"""

from typing import Any

from django.core.files.storage import FileSystemStorage, Storage, storages
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.functional import LazyObject, empty


class PrivateFileSystemStorage(FileSystemStorage):
    """A folder of private files: no URL can be built for them (FileSystemStorage would fall back
    to MEDIA_URL); they are read through views that check permissions."""

    def url(self, name: str | None) -> str:
        raise ValueError("Private files have no URL; serve them through a permission-checked view.")


class _PrivateStorage(LazyObject):
    """Resolves settings.STORAGES["private"] on first use, like Django's default_storage."""

    def _setup(self) -> None:
        self._wrapped = storages["private"]


_private = _PrivateStorage()


def private_storage() -> Storage:
    # A callable in the field, so that migrations do not freeze a location.
    return _private  # type: ignore[return-value]


@receiver(setting_changed)
def _forget_private_storage(*, setting: str, **kwargs: Any) -> None:
    """Cache invalidation: a changed STORAGES setting (tests) takes effect on the next use."""
    if setting == "STORAGES":
        _private._wrapped = empty
