from django.urls import path

from junkan.municipalities import views

app_name = "municipalities"
urlpatterns = [path("suggest/", views.suggest, name="suggest")]
