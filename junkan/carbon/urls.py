from django.urls import path

from junkan.carbon import views

app_name = "carbon"
urlpatterns = [
    path("", views.calculator, name="calculator"),
    path("factors/", views.factor_set_list, name="factor_sets"),
    path("factors/<int:pk>/", views.factor_set_detail, name="factor_set"),
    path("calculations/", views.calculation_list, name="list"),
    path("calculations/<int:pk>/", views.calculation_detail, name="detail"),
    path("calculations/<int:pk>/edit/", views.calculator, name="edit"),
    path("calculations/<int:pk>/sheet.pdf", views.calculation_pdf, name="pdf"),
    path("calculations/<int:pk>/submit/", views.calculation_submit, name="submit"),
]
