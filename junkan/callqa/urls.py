from django.urls import path

from junkan.callqa import views

app_name = "callqa"
urlpatterns = [
    path("inbox/", views.inbox, name="inbox"),
    path("mine/", views.mine, name="mine"),
    path("questions/<int:pk>/", views.question, name="question"),
    path("<slug:slug>/", views.program_answers, name="answers"),
    path("<slug:slug>/ask/", views.ask, name="ask"),
]
