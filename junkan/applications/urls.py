from django.urls import path

from junkan.applications import inbox, views

app_name = "applications"
urlpatterns = [
    path("", views.mine, name="mine"),
    path("start/<slug:slug>/", views.start, name="start"),
    path("inbox/<slug:slug>/", inbox.inbox, name="inbox"),
    path("inbox/<slug:slug>/applications.csv", inbox.inbox_csv, name="inbox_csv"),
    path("co-applicants/<int:pk>/respond/", views.co_applicant_respond, name="co_applicant_respond"),
    path("<uuid:public_id>/", views.detail, name="detail"),
    path("<uuid:public_id>/sections/<slug:key>/", views.section, name="section"),
    path("<uuid:public_id>/costs/preview/", views.costs_preview, name="costs_preview"),
    path("<uuid:public_id>/co-applicants/", views.co_applicants, name="co_applicants"),
    path(
        "<uuid:public_id>/co-applicants/<int:pk>/remove/",
        views.co_applicant_remove,
        name="co_applicant_remove",
    ),
    path("<uuid:public_id>/documents/", views.documents, name="documents"),
    path("<uuid:public_id>/documents/<uuid:document_id>/", views.document_download, name="document"),
    path(
        "<uuid:public_id>/documents/<uuid:document_id>/delete/", views.document_delete, name="document_delete"
    ),
    path("<uuid:public_id>/submit/", views.submit, name="submit"),
    path("<uuid:public_id>/withdraw/", views.withdraw, name="withdraw"),
    path("<uuid:public_id>/submissions/<int:version>/", views.submission, name="submission"),
    path(
        "<uuid:public_id>/submissions/<int:version>/application.pdf",
        views.submission_pdf,
        name="submission_pdf",
    ),
    path(
        "<uuid:public_id>/submissions/<int:version>/costs.xlsx", views.submission_xlsx, name="submission_xlsx"
    ),
    path("<uuid:public_id>/messages/", views.thread, name="messages"),
    path("<uuid:public_id>/decide/", inbox.decide, name="decide"),
]
