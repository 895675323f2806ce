from django.urls import path

from junkan.finance import views

app_name = "finance"
urlpatterns = [
    path("", views.offer_list, name="offers"),
    path("offers/<int:pk>/", views.offer_detail, name="offer"),
    path("offers/<int:pk>/edit/", views.offer_form, name="offer_edit"),
    path("institutions/<int:pk>/", views.institution_detail, name="institution"),
    path("institutions/<int:institution_pk>/offers/new/", views.offer_form, name="offer_create"),
    path("manage/", views.manage, name="manage"),
    path("regions/", views.region_list, name="regions"),
    path("regions/<int:pk>/", views.region_detail, name="region"),
    path("consent/", views.consent, name="consent"),
    path("consent/<int:region_pk>/", views.consent_set, name="consent_set"),
]
