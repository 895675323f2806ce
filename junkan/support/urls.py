from django.urls import path

from junkan.support import views

app_name = "support"
urlpatterns = [
    path("", views.index, name="index"),
    path("experts/", views.expert_list, name="experts"),
    path("experts/<int:pk>/", views.expert_detail, name="expert"),
    path("experts/<int:pk>/inquiry/", views.expert_inquiry, name="expert_inquiry"),
    path("organizations/", views.organization_list, name="organizations"),
    path("organizations/<int:pk>/", views.organization_detail, name="organization"),
    path("measures/", views.measure_list, name="measures"),
    path("measures/<int:pk>/", views.measure_detail, name="measure"),
    path("funding/", views.funding_list, name="funding"),
    path("funding/<int:pk>/", views.funding_detail, name="funding_detail"),
]
