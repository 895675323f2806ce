from django.urls import path

from junkan.economy import views

app_name = "economy"
urlpatterns = [
    path("", views.index, name="index"),
    path("accounts/", views.account_list, name="accounts"),
    path("accounts/new/", views.account_form, name="account_new"),
    path("accounts/import/", views.account_import, name="account_import"),
    path("accounts/template.<str:kind>", views.account_template, name="account_template"),
    path("accounts/<uuid:public_id>/", views.account_detail, name="account"),
    path("accounts/<uuid:public_id>/edit/", views.account_form, name="account_edit"),
    path("accounts/<uuid:public_id>/profile.pdf", views.account_pdf, name="account_pdf"),
    path("accounts/<uuid:public_id>/profile.xlsx", views.account_xlsx, name="account_xlsx"),
    path("tables/", views.table_list, name="tables"),
    path("tables/import/", views.table_import, name="table_import"),
    path("tables/template.xlsx", views.table_template, name="table_template"),
    path("tables/<uuid:public_id>/", views.table_detail, name="table"),
    path("tables/<uuid:public_id>/table.xlsx", views.table_xlsx, name="table_xlsx"),
    path("ripple/", views.ripple, name="ripple"),
    path("analyses/", views.analysis_list, name="analyses"),
    path("analyses/<uuid:public_id>/", views.analysis_detail, name="analysis"),
    path("analyses/<uuid:public_id>/analysis.pdf", views.analysis_pdf, name="analysis_pdf"),
    path("analyses/<uuid:public_id>/analysis.xlsx", views.analysis_xlsx, name="analysis_xlsx"),
    path("<str:kind>/<uuid:public_id>/visibility/", views.visibility, name="visibility"),
]
