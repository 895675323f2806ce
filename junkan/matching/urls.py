from __future__ import annotations

from django.urls import path

from junkan.matching import views

app_name = "matching"

urlpatterns = [
    path("requests/", views.mine, name="mine"),
    path("requests/new/", views.ask, name="ask"),
    path("requests/<int:pk>/", views.detail, name="request"),
    path("requests/<int:pk>/messages/", views.post_message, name="message"),
    path("requests/<int:pk>/<slug:name>/", views.move, name="move"),
    path("manage/", views.manage, name="manage"),
    path("manage/events/", views.event_create, name="event_create"),
    path("manage/events/<int:pk>/", views.event, name="event"),
    path("digest/", views.digest, name="digest"),
]
