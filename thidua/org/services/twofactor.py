"""Enrolling an authenticator app (TOTP) for the user's own account."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django_otp import devices_for_user
from django_otp.plugins.otp_totp.models import TOTPDevice

from thidua.core import audit


@transaction.atomic
def totp_device_pending(*, actor: Any) -> TOTPDevice:
    """The actor's unconfirmed authenticator, created on first visit to the setup page."""
    device = TOTPDevice.objects.select_for_update().filter(user=actor, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=actor, name="Ứng dụng xác thực", confirmed=False)
    return device


@transaction.atomic
def totp_device_confirm(device: TOTPDevice, *, actor: Any, token: str) -> bool:
    """Confirm the actor's authenticator with a first code; only one stays per user."""
    device = TOTPDevice.objects.select_for_update().get(pk=device.pk, user=actor)
    if not device.verify_token(token.strip()):
        return False
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    for other in devices_for_user(actor, confirmed=None):
        if isinstance(other, TOTPDevice) and other.pk != device.pk:
            other.delete()
    audit.record(actor, "thidua.update", actor=actor, changes={"two_factor": [False, True]})
    return True
