from thidua.portal.models.library import DocumentLibraryPage
from thidua.portal.models.organisation import FocalContact, OrganisationPage
from thidua.portal.models.pages import ArticlePage, HomePage, PortalPage, SectionPage
from thidua.portal.models.rendering import PageRendering

__all__ = [
    "ArticlePage",
    "DocumentLibraryPage",
    "FocalContact",
    "HomePage",
    "OrganisationPage",
    "PageRendering",
    "PortalPage",
    "SectionPage",
]
