from django.urls import path

from junkan.grants import views

app_name = "grants"
urlpatterns = [
    path("calc/additional-charge/", views.additional_charge, name="additional_charge"),
]
