from django.urls import path

from junkan.events import views

app_name = "events"
urlpatterns = [
    path("", views.event_list, name="list"),
    path("<int:pk>/", views.event_detail, name="detail"),
    path("<int:pk>/register/", views.register, name="register"),
    path("<int:pk>/cancel-registration/", views.cancel_own, name="cancel_own"),
    path("<int:pk>/event.ics", views.event_ics, name="ics"),
    path("registrations/<str:token>/", views.registration_page, name="registration"),
    path("manage/", views.manage, name="manage"),
    path("new/", views.event_create, name="create"),
    path("<int:pk>/edit/", views.event_edit, name="edit"),
    path("<int:pk>/publish/", views.event_publish, name="publish"),
    path("<int:pk>/cancel/", views.event_cancel, name="cancel"),
    path("<int:pk>/attendees/", views.attendees, name="attendees"),
    path("<int:pk>/attendees.<str:fmt>", views.attendees_export, name="attendees_export"),
]
