from django.urls import path

from junkan.cases import views

app_name = "cases"
urlpatterns = [
    path("", views.case_list, name="list"),
    path("guides/", views.guide_list, name="guides"),
    path("guides/<slug:slug>/", views.guide_detail, name="guide"),
    path("<slug:slug>/", views.case_detail, name="detail"),
]
