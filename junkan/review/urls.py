from django.urls import path

from junkan.review import exports, public, secretariat, views

app_name = "review"
urlpatterns = [
    path("", views.index, name="index"),
    # Public: adopted projects and open data
    path("adopted/", public.adopted_index, name="adopted_index"),
    path("adopted/<slug:slug>/", public.adopted, name="adopted"),
    path("adopted/<slug:slug>.csv", public.adopted_csv, name="adopted_csv"),
    path("adopted/<slug:slug>.json", public.adopted_json, name="adopted_json"),
    # Members
    path("<int:pk>/assigned/", views.assigned, name="assigned"),
    path("<int:pk>/applications/<uuid:public_id>/", views.application, name="application"),
    path("<int:pk>/applications/<uuid:public_id>/pdf/", views.application_pdf, name="application_pdf"),
    path("<int:pk>/applications/<uuid:public_id>/declare/", views.declare, name="declare"),
    path("<int:pk>/applications/<uuid:public_id>/sheet/", views.sheet, name="sheet"),
    # Secretariat
    path("new/", secretariat.committee_create, name="committee_create"),
    path("<int:pk>/", secretariat.committee, name="committee"),
    path("<int:pk>/edit/", secretariat.committee_edit, name="committee_edit"),
    path("<int:pk>/managers/", secretariat.manager_add, name="manager_add"),
    path("<int:pk>/members/new/", secretariat.member_form, name="member_create"),
    path("<int:pk>/members/<int:member_pk>/", secretariat.member_form, name="member_edit"),
    path("<int:pk>/members/<int:member_pk>/remove/", secretariat.member_remove, name="member_remove"),
    path("<int:pk>/assignment/", secretariat.assignment, name="assignment"),
    path("<int:pk>/assignment/auto/", secretariat.assignment_auto, name="assignment_auto"),
    path("<int:pk>/assignment/auto/progress/", secretariat.assignment_progress, name="assignment_progress"),
    path("<int:pk>/conflicts/check/", secretariat.conflicts_check, name="conflicts_check"),
    path("<int:pk>/hearings/", secretariat.hearings, name="hearings"),
    path("<int:pk>/hearings/<int:slot_pk>/", secretariat.hearing, name="hearing"),
    path("<int:pk>/hearings/<int:slot_pk>/invite/", secretariat.hearing_invite, name="hearing_invite"),
    path("<int:pk>/results/", secretariat.results, name="results"),
    path("<int:pk>/results/apply/", secretariat.apply_proposal, name="apply_proposal"),
    path("<int:pk>/decisions/<uuid:public_id>/", secretariat.decision, name="decision"),
    path("<int:pk>/sheets/<int:sheet_pk>/reopen/", secretariat.sheet_reopen, name="sheet_reopen"),
    path("<int:pk>/finalize/", secretariat.finalize, name="finalize"),
    path("<int:pk>/publish/", secretariat.publish, name="publish"),
    path("<int:pk>/export/scores.xlsx", exports.scores_xlsx, name="scores_xlsx"),
    path("<int:pk>/export/summary.pdf", exports.summary, name="summary_pdf"),
]
