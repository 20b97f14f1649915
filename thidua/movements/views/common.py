from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest


def run_service(request: HttpRequest, call: Callable[[], Any], success: str) -> bool:
    """Call a service; show its ValidationError as a message instead of a server error."""
    try:
        call()
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return False
    messages.success(request, success)
    return True
