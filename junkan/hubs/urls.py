from django.urls import path

from junkan.hubs import views

app_name = "hubs"
urlpatterns = [
    path("", views.hub_list, name="list"),
    path("<slug:slug>/", views.hub_detail, name="detail"),
    path("<slug:slug>/regions/", views.area_regions, name="area_regions"),
    path("<slug:slug>/projects/", views.area_projects, name="area_projects"),
    path("<slug:slug>/cases/", views.area_cases, name="area_cases"),
]
