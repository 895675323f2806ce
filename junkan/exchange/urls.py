from django.urls import path

from junkan.exchange import views

app_name = "exchange"
urlpatterns = [
    path("", views.theme_list, name="themes"),
    path("themes/<slug:slug>/", views.theme_detail, name="theme"),
    path("themes/<slug:slug>/new/", views.topic_create, name="topic_create"),
    path("topics/<int:pk>/", views.topic_detail, name="topic"),
    path("report/<str:kind>/<int:pk>/", views.report, name="report"),
    path("moderate/<str:kind>/<int:pk>/<str:verb>/", views.moderate, name="moderate"),
    path("moderation/", views.moderation, name="moderation"),
    path("moderation/reports/<int:pk>/dismiss/", views.dismiss, name="dismiss"),
    path("consultations/", views.consultation_list, name="consultations"),
    path("consultations/new/", views.consultation_create, name="consultation_create"),
    path("consultations/<int:pk>/", views.consultation_detail, name="consultation"),
    path("consultations/<int:pk>/<str:move>/", views.consultation_move, name="consultation_move"),
]
