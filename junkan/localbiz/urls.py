from django.urls import path

from junkan.localbiz import views

app_name = "localbiz"
urlpatterns = [
    path("solutions/<int:pk>/", views.solution, name="solution"),
    path("cases/<slug:slug>/", views.case, name="case"),
    path("review/", views.review, name="review"),
    path("claims/<int:pk>/<str:verb>/", views.decide, name="decide"),
]
