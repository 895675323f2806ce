from django.urls import path

from junkan.newsletter import views

app_name = "newsletter"
urlpatterns = [
    path("", views.subscribe, name="subscribe"),
    path("requested/", views.requested, name="requested"),
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("manage/", views.manage, name="manage"),
    path("manage/issues/new/", views.issue_form, name="issue_create"),
    path("manage/issues/<int:pk>/", views.issue_detail, name="issue"),
    path("manage/issues/<int:pk>/edit/", views.issue_form, name="issue_edit"),
    path("manage/issues/<int:pk>/send/", views.issue_send, name="issue_send"),
    path("manage/issues/<int:pk>/retry/", views.issue_retry, name="issue_retry"),
    path("manage/issues/<int:pk>/log/", views.issue_log, name="issue_log"),
]
