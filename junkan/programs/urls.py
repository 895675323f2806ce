from django.urls import path

from junkan.programs import feeds, views

app_name = "programs"
urlpatterns = [
    path("", views.program_list, name="list"),
    path("finder/", views.program_finder, name="finder"),
    path("feed.atom", feeds.NewProgramsFeed(), name="feed"),
    path("deadlines.ics", feeds.deadline_calendar, name="deadlines"),
    path("<slug:slug>/", views.program_detail, name="detail"),
    path("<slug:slug>/check/", views.eligibility_check, name="check"),
    path("<slug:slug>/estimate/", views.subsidy_estimate, name="estimate"),
    path("<slug:slug>/attachments/<int:pk>/", views.attachment_download, name="attachment"),
]
