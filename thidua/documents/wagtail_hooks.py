from wagtail import hooks

from thidua.documents.viewsets import DocumentsViewSetGroup


@hooks.register("register_admin_viewset")
def register_document_library():  # type: ignore[no-untyped-def]
    return DocumentsViewSetGroup()
