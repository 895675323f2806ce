from django.urls import path

from junkan.portal import feeds, views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("tsunagaru/", views.tsunagaru, name="tsunagaru"),
    path("deau/", views.deau, name="deau"),
    path("design/", views.design, name="design"),
    path("news/", views.news_list, name="news_list"),
    path("news/feed/", feeds.NewsFeed(), name="news_feed"),
    path("news/<int:pk>/", views.news_detail, name="news_detail"),
    path("sitemap.xml", views.sitemap, name="sitemap"),
    path("robots.txt", views.robots, name="robots"),
]
