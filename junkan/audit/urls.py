from django.urls import path

from junkan.audit import views

app_name = "audit"
urlpatterns = [
    path("<slug:app_label>/<slug:model>/<str:object_id>/", views.object_log, name="object"),
]
