from wagtail import hooks
from wagtail.permissions import register_permission_policy

from thidua.documents.models import Document
from thidua.documents.viewsets import DocumentPolicy, DocumentsViewSetGroup

register_permission_policy(Document, DocumentPolicy(Document))


@hooks.register("register_admin_viewset")
def register_document_library():  # type: ignore[no-untyped-def]
    return DocumentsViewSetGroup()
