from django.urls import path

from junkan.regional import views

app_name = "regional"
urlpatterns = [
    path("", views.index, name="index"),
    path("progress/", views.overview, name="overview"),
    path("rounds/", views.rounds, name="rounds"),
    path("regions/<int:pk>/", views.region, name="region"),
    path("coordinators/<int:pk>/activities/", views.activity, name="activity"),
    path("cases/<int:pk>/", views.case, name="case"),
    path("<str:process>/<int:pk>/move/<str:name>/", views.move, name="move"),
    path("bodies/<int:pk>/", views.body, name="body"),
    path("meetings/<int:pk>/", views.meeting, name="meeting"),
    path("files/<str:kind>/<uuid:public_id>/", views.download, name="download"),
    path("councils/new/<uuid:public_id>/", views.new_council, name="new_council"),
    path("hearings/<int:pk>/", views.hearing, name="hearing"),
    path("teams/<int:pk>/", views.team, name="team"),
    path("plans/<int:pk>/", views.plan, name="plan"),
]
