from thidua.portal.models.library import DocumentLibraryPage
from thidua.portal.models.organisation import FocalContact, OrganisationPage
from thidua.portal.models.pages import ArticlePage, HomePage, PortalPage, SectionPage

__all__ = [
    "ArticlePage",
    "DocumentLibraryPage",
    "FocalContact",
    "HomePage",
    "OrganisationPage",
    "PortalPage",
    "SectionPage",
]
