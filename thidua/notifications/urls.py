"""Back-office URLs of the inbox, mounted under /admin/."""

from django.urls import path

from thidua.notifications import views

app_name = "notifications"

urlpatterns = [
    path("thong-bao/", views.inbox, name="inbox"),
    path("thong-bao/<int:pk>/", views.open_notification, name="open"),
    path("thong-bao/da-doc/", views.mark_all_read, name="mark_all_read"),
]
