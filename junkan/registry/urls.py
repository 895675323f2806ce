from django.urls import path

from junkan.registry import views

app_name = "registry"
urlpatterns = [
    path("", views.region_directory, name="regions"),
    path("regions/<int:pk>/", views.region_detail, name="region"),
    path("companies/", views.company_directory, name="companies"),
    path("companies/<int:pk>/", views.company_detail, name="company"),
    path("mine/", views.mine, name="mine"),
    path("review/", views.review, name="review"),
    path("organizations/<int:org_pk>/regions/new/", views.region_form, name="region_create"),
    path("regions/<int:pk>/edit/", views.region_form, name="region_edit"),
    path("organizations/<int:org_pk>/companies/new/", views.company_form, name="company_create"),
    path("companies/<int:pk>/edit/", views.company_form, name="company_edit"),
    path("companies/<int:pk>/solutions/new/", views.solution_form, name="solution_create"),
    path("companies/<int:pk>/solutions/<int:solution_pk>/edit/", views.solution_form, name="solution_edit"),
    path(
        "companies/<int:pk>/solutions/<int:solution_pk>/delete/",
        views.solution_delete,
        name="solution_delete",
    ),
    path("<str:kind>/<int:pk>/submit/", views.submit, name="submit"),
    path("<str:kind>/<int:pk>/<str:verb>/", views.decide, name="decide"),
]
