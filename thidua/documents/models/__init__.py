"""Models of the documents app: the registry, dissemination, the outgoing register."""

from thidua.documents.models.dissemination import Dissemination, Recipient
from thidua.documents.models.document import Document, DocumentRelation
from thidua.documents.models.register import OutgoingNumber, RegisterCounter

__all__ = [
    "Dissemination",
    "Document",
    "DocumentRelation",
    "OutgoingNumber",
    "Recipient",
    "RegisterCounter",
]
