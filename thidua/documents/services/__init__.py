"""Writes of the documents app, one transaction and one audit entry each.

- numbering: the outgoing register (``number_reserve``, ``number_cancel``, and the checked
  ``register_number_take`` / ``register_number_cancel`` that the register's screens call);
- registry: ``document_register`` (a confirmed upload), ``document_relations_set``;
- dissemination: ``dissemination_send``, ``recipient_acknowledge``;
- reminders: ``reminders_send`` (daily, idempotent).
"""

from thidua.documents.services.dissemination import dissemination_send, recipient_acknowledge
from thidua.documents.services.numbering import (
    format_symbol,
    issuer_on,
    number_cancel,
    number_reserve,
    register_number_cancel,
    register_number_take,
)
from thidua.documents.services.registry import document_register, document_relations_set
from thidua.documents.services.reminders import reminders_send

__all__ = [
    "dissemination_send",
    "document_register",
    "document_relations_set",
    "format_symbol",
    "issuer_on",
    "number_cancel",
    "number_reserve",
    "recipient_acknowledge",
    "register_number_cancel",
    "register_number_take",
    "reminders_send",
]
